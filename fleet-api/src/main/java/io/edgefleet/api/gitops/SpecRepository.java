package io.edgefleet.api.gitops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * fleet-api's bare copy of the spec repository: fetch the watched branch, list the spec files of a commit, read a
 * blob, and find the commit that last touched a file. It never commits or pushes: nothing fleet-api knows (a
 * kubeconfig, a key) can end up in the repository.
 */
final class SpecRepository implements AutoCloseable {
    private final Git git;
    private final String remote;
    private final String branch;
    private final String prefix;
    private final CredentialsProvider credentials;

    private SpecRepository(Git git, String remote, String branch, String prefix, CredentialsProvider credentials) {
        this.git = git;
        this.remote = remote;
        this.branch = branch;
        this.prefix = prefix;
        this.credentials = credentials;
    }

    /** Opens the bare copy in the settings' work folder, making it first if there is none. */
    static SpecRepository open(GitOpsSettings settings, CredentialsProvider credentials)
            throws IOException, GitAPIException {
        Path dir = settings.workDir();
        Git git = Files.isRegularFile(dir.resolve("HEAD")) ? Git.open(dir.toFile())
                : Git.init().setBare(true).setDirectory(dir.toFile()).call();
        return new SpecRepository(git, remoteUri(settings.repository()), settings.branch(), settings.prefix(),
                credentials);
    }

    /** A local folder becomes a file: URI; anything with a scheme or an scp-like host:path is passed as it is. */
    static String remoteUri(String repository) {
        boolean url = repository.contains("://") || repository.matches("^[^/]+@[^/]+:.*");
        return url ? repository : Path.of(repository).toAbsolutePath().toUri().toString();
    }

    /** Fetches the branch and answers its head. */
    RevCommit fetchHead() throws IOException, GitAPIException {
        String tracking = "refs/remotes/origin/" + branch;
        git.fetch().setRemote(remote).setCredentialsProvider(credentials)
                .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":" + tracking)).call();
        Repository repo = git.getRepository();
        ObjectId head = repo.resolve(tracking);
        if (head == null) {
            throw new IOException("branch " + branch + " not found in " + remote);
        }
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(head);
        }
    }

    /** The spec files (*.yaml, *.yml under the watched folder) of a commit: path to blob id. */
    Map<String, String> specFiles(RevCommit commit) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (TreeWalk walk = new TreeWalk(git.getRepository())) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                String path = walk.getPathString();
                if (path.startsWith(prefix) && (path.endsWith(".yaml") || path.endsWith(".yml"))) {
                    files.put(path, walk.getObjectId(0).name());
                }
            }
        }
        return files;
    }

    byte[] read(String blob) throws IOException {
        return git.getRepository().open(ObjectId.fromString(blob)).getBytes();
    }

    /** The newest commit reachable from {@code head} that added, changed or removed {@code path}. */
    String lastTouch(RevCommit head, String path) throws IOException, GitAPIException {
        Iterator<RevCommit> log = git.log().add(head).addPath(path).setMaxCount(1).call().iterator();
        return Optional.ofNullable(log.hasNext() ? log.next() : null).map(RevCommit::name).orElse(head.name());
    }

    @Override
    public void close() {
        git.close();
    }
}
