package io.edgefleet.api.gitops;

import io.edgefleet.api.submit.RequestPublisher;
import io.edgefleet.api.submit.Submitter;
import io.edgefleet.servicekit.LoopPulse;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the GitOps intake on its own thread when {@code fleet.gitops.repository} is set: a poll, then a pause of
 * {@code fleet.gitops.interval}, for as long as fleet-api runs. A poll that fails (the remote unreachable, Kafka
 * down) is logged, metered and tried again next time; nothing ends the loop but shutdown. Its pulse feeds liveness.
 */
@ApplicationScoped
public class GitOpsWatcher {
    private static final Logger LOG = Logger.getLogger(GitOpsWatcher.class);

    @ConfigProperty(name = "fleet.gitops.repository")
    Optional<String> repository;
    @ConfigProperty(name = "fleet.gitops.branch", defaultValue = "main")
    String branch;
    @ConfigProperty(name = "fleet.gitops.directory", defaultValue = "")
    Optional<String> directory;
    @ConfigProperty(name = "fleet.gitops.interval", defaultValue = "30s")
    Duration interval;
    @ConfigProperty(name = "fleet.gitops.work-dir")
    Optional<String> workDir;
    @ConfigProperty(name = "fleet.gitops.username")
    Optional<String> username;
    @ConfigProperty(name = "fleet.gitops.password")
    Optional<String> password;

    @Inject
    SpecReader reader;
    @Inject
    RequestPublisher publisher;
    @Inject
    Submitter submitter;
    @Inject
    GitOpsMetrics metrics;

    private volatile LoopPulse pulse = new LoopPulse("gitops intake", Duration.ofMinutes(5));
    private volatile boolean stopping;
    private Thread thread;

    void start(@Observes StartupEvent event) throws Exception {
        Optional<String> repo = repository.filter(r -> !r.isBlank());
        if (repo.isEmpty()) {
            LOG.debug("GitOps intake off (fleet.gitops.repository is not set)");
            return;
        }
        GitOpsSettings settings = settings(repo.get());
        settings.problem().ifPresent(p -> {
            throw new IllegalStateException("GitOps intake: " + p);
        });
        GitOpsIntake intake = intake(settings);
        // Long enough for a slow fetch and a publish waiting out Kafka's timeout, plus the pause itself.
        pulse = new LoopPulse("gitops intake", Duration.ofMinutes(5).plus(interval.multipliedBy(3)));
        thread = new Thread(() -> run(intake), "gitops-intake");
        thread.setDaemon(true);
        pulse.started(thread);
        thread.start();
        LOG.infof("GitOps intake: watching %s branch %s%s every %s", settings.shown(), settings.branch(),
                settings.prefix().isEmpty() ? "" : " folder " + settings.prefix(), interval);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        pulse.stopped();
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run(GitOpsIntake intake) {
        try (intake) {
            while (!stopping) {
                try {
                    intake.poll();
                } catch (Exception e) {
                    metrics.poll("failed");
                    LOG.warnf("GitOps intake: the poll failed, tried again in %s: %s", interval, e.toString());
                }
                pulse.turned();
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    GitOpsSettings settings(String repo) {
        Path dir = workDir.filter(d -> !d.isBlank()).map(Path::of).orElseGet(() -> Path.of(
                System.getProperty("java.io.tmpdir"), "edgefleet-gitops-" + UUID.nameUUIDFromBytes(
                        (repo + "\n" + branch).getBytes(StandardCharsets.UTF_8))));
        return new GitOpsSettings(repo, branch, directory.orElse(""), interval, dir);
    }

    /** An intake for these settings, with fleet-api's reader, publisher and meters (the loop's, or a test's). */
    GitOpsIntake intake(GitOpsSettings settings) throws Exception {
        CredentialsProvider credentials = password.filter(p -> !p.isEmpty())
                .map(p -> (CredentialsProvider) new UsernamePasswordCredentialsProvider(username.orElse("git"), p))
                .orElse(null);
        return new GitOpsIntake(settings, SpecRepository.open(settings, credentials), reader, publisher, submitter,
                metrics);
    }

    LoopPulse pulse() {
        return pulse;
    }
}
