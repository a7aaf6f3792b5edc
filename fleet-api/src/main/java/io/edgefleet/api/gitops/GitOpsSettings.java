package io.edgefleet.api.gitops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the GitOps intake watches and how often.
 *
 * @param repository the repository to fetch: an https:// or file:// URL, or a local path (JGit's SSH transport is
 *                   not on the classpath)
 * @param branch     the branch whose head is read
 * @param directory  the folder of specs inside the repository, "" for all of it
 * @param interval   time between two polls
 * @param workDir    where fleet-api keeps its bare copy of the repository (made at first start)
 */
public record GitOpsSettings(String repository, String branch, String directory, Duration interval, Path workDir) {

    /** What is wrong with these settings, for the log line that says why the intake does not start. */
    public Optional<String> problem() {
        if (branch == null || branch.isBlank()) {
            return Optional.of("fleet.gitops.branch must name a branch");
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            return Optional.of("fleet.gitops.interval must be a positive duration (e.g. 30s), not " + interval);
        }
        if (directory != null && (directory.startsWith("/") || directory.contains(".."))) {
            return Optional.of("fleet.gitops.directory must be a relative folder inside the repository, not "
                    + directory);
        }
        return Optional.empty();
    }

    /**
     * The repository as logs and delete reasons show it: without a user or token written into its URL, which
     * would otherwise reach the log and, in a deletion's reason, Kafka.
     */
    String shown() {
        return repository.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
    }

    /** The folder as a path prefix inside the repository: "" or "clusters/". */
    String prefix() {
        String d = directory == null ? "" : directory.replaceAll("^/+|/+$", "");
        return d.isEmpty() ? "" : d + "/";
    }
}
