package io.edgefleet.api.gitops;

import io.edgefleet.api.rest.ProblemException;
import io.edgefleet.api.submit.RequestPublisher;
import io.edgefleet.api.submit.Submitter;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.NetworkFunctionDeleteRequested;
import io.edgefleet.events.request.NetworkFunctionRequested;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jboss.logging.Logger;

/**
 * One watched repository: each poll fetches the branch, compares its spec files with those already asked for, and
 * publishes what changed, through the same publisher as REST, under ids derived from the specs ({@link RequestIds}).
 *
 * <p>What was asked for is remembered in memory only. After a restart the first poll asks again for every spec at
 * the head with the same ids: placement answers a request it decided with its first outcome and places nothing.
 * A spec that is invalid is logged, metered and skipped; the others go on. A request that cannot be published
 * leaves its file as not yet asked, so the next poll asks again, with the same id.
 */
final class GitOpsIntake implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GitOpsIntake.class);

    /** A spec asked for, and the blob last read at its path (the same as the spec's unless its change was refused). */
    private record Applied(Spec spec, String seenBlob) {
    }

    /** One request published by a poll. */
    record Published(String path, String action, String id, EventPayload request) {
    }

    /** What a poll does at one path: the requests to publish and what the path holds afterwards (null: nothing). */
    private record Work(String path, String commit, String blob, SpecChanges.Plan plan, Applied after) {
    }

    private final GitOpsSettings settings;
    private final SpecRepository repository;
    private final SpecReader reader;
    private final RequestPublisher publisher;
    private final Submitter submitter;
    private final GitOpsMetrics metrics;
    private final Map<String, Applied> applied = new HashMap<>();
    /** The blob last found invalid at each path: logged and metered once, not at every later commit. */
    private final Map<String, String> invalid = new HashMap<>();
    private String lastCommit;

    GitOpsIntake(GitOpsSettings settings, SpecRepository repository, SpecReader reader, RequestPublisher publisher,
                 Submitter submitter, GitOpsMetrics metrics) {
        this.settings = settings;
        this.repository = repository;
        this.reader = reader;
        this.publisher = publisher;
        this.submitter = submitter;
        this.metrics = metrics;
    }

    /** Reads the branch head and publishes what changed since the last complete poll; returns what it published. */
    synchronized List<Published> poll() throws Exception {
        RevCommit head = repository.fetchHead();
        if (head.name().equals(lastCommit)) {
            metrics.poll("unchanged");
            return List.of();
        }
        Map<String, String> files = repository.specFiles(head);
        List<Work> work = new ArrayList<>();
        Set<String> paths = new TreeSet<>(applied.keySet());
        paths.addAll(files.keySet());
        paths.addAll(invalid.keySet());
        for (String path : paths) {
            Applied old = applied.get(path);
            String blob = files.get(path);
            if (blob == null) {
                invalid.remove(path);
                if (old == null) {
                    continue;
                }
                String commit = repository.lastTouch(head, path);
                work.add(new Work(path, commit, old.spec().blob(), SpecChanges.removed(old.spec(), "removed from "
                        + settings.shown() + " (" + path + ") in commit " + commit.substring(0, 12)), null));
            } else if (old == null || !blob.equals(old.seenBlob())) {
                if (blob.equals(invalid.get(path))) {
                    continue;
                }
                Spec spec;
                try {
                    spec = reader.read(path, blob, repository.read(blob));
                    invalid.remove(path);
                } catch (InvalidSpec e) {
                    invalid.put(path, blob);
                    metrics.invalidSpec(e.reason());
                    LOG.warnf("GitOps: %s (blob %s) is skipped%s: %s", path, blob.substring(0, 12),
                            old == null ? "" : ", its " + old.spec().object() + " stays as it was", e.getMessage());
                    continue;
                }
                SpecChanges.Plan plan = old == null ? SpecChanges.added(spec) : SpecChanges.changed(old.spec(), spec);
                work.add(new Work(path, repository.lastTouch(head, path), blob, plan,
                        new Applied(plan.keepOld() ? old.spec() : spec, blob)));
            }
        }
        List<Published> published = new ArrayList<>();
        boolean complete = apply(work, published);
        metrics.specs(applied.size());
        metrics.poll(complete ? "changed" : "failed");
        if (complete) {
            lastCommit = head.name();
        }
        return published;
    }

    private boolean apply(List<Work> work, List<Published> published) {
        record Step(Work work, SpecChanges.Ask ask) {
        }
        List<Step> steps = new ArrayList<>();
        work.forEach(w -> w.plan().asks().forEach(a -> steps.add(new Step(w, a))));
        steps.sort(Comparator.comparingInt((Step s) -> phase(s.ask())));
        Set<String> failed = new HashSet<>();
        for (Step step : steps) {
            Work w = step.work();
            String id = RequestIds.of(settings.shown(), w.path(), step.ask().action(), w.commit(), w.blob());
            try {
                EventPayload request = submitter.validate(EventType.of(step.ask().request()), step.ask().request(),
                        step.ask().action() + " request");
                publisher.publish(request, id);
                metrics.request(step.ask().action(), true);
                published.add(new Published(w.path(), step.ask().action(), id, request));
                LOG.infof("GitOps: %s asks to %s %s (request %s#%s)", w.path(), step.ask().action(),
                        request.subject(), RequestPublisher.SOURCE, id);
            } catch (ProblemException e) {
                metrics.request(step.ask().action(), false);
                LOG.warnf("GitOps: %s: the %s request is not valid and is not asked: %s", w.path(),
                        step.ask().action(), e.getMessage());
            } catch (Exception e) {
                metrics.request(step.ask().action(), false);
                failed.add(w.path());
                LOG.warnf("GitOps: %s: publishing the %s request failed, retried next poll: %s", w.path(),
                        step.ask().action(), e.toString());
            }
        }
        for (Work w : work) {
            if (failed.contains(w.path())) {
                continue;
            }
            if (!w.plan().notApplicable().isEmpty()) {
                metrics.notApplicable(w.plan().notApplicable().size());
                LOG.warnf("GitOps: %s changed in ways that are not applied: %s", w.path(),
                        String.join("; ", w.plan().notApplicable()));
            }
            if (w.after() == null) {
                applied.remove(w.path());
            } else {
                applied.put(w.path(), w.after());
            }
        }
        return failed.isEmpty();
    }

    /** Network functions leave before their clusters; clusters are asked for (and resized) before their NFs. */
    private static int phase(SpecChanges.Ask ask) {
        EventPayload r = ask.request();
        if (r instanceof NetworkFunctionDeleteRequested) {
            return 0;
        }
        if ("delete".equals(ask.action())) {
            return 1;
        }
        if (r instanceof ClusterRequested) {
            return 2;
        }
        return r instanceof NetworkFunctionRequested ? 4 : 3;
    }

    /** The number of spec files whose objects have been asked for. */
    synchronized int specs() {
        return applied.size();
    }

    @Override
    public void close() {
        repository.close();
    }
}
