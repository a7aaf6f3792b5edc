package io.edgefleet.api.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.localstack.testing.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitOps intake against a real Git repository made here with JGit and the real broker: a committed spec is
 * published once under its derived id, a re-read (another poll, a restarted intake) asks nothing new, a change of
 * counts is a scale, a removal a delete, and a file that is not YAML is metered and skipped while the others go on.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class GitOpsIntakeTest {
    private static final String CLUSTER = """
            kind: Cluster
            spec:
              clusterId: %s
              team: team-g
              siteId: git-site
              template: ha
              controlPlane: {replicas: %d}
            """;
    private static final String NF = """
            kind: NetworkFunction
            spec: {nfId: upf-g, team: team-g, siteId: git-site, clusterId: git-1, kind: UPF, replicas: 1,
                   pinnedCores: 4, hugepages1Gi: 2, memoryMib: 2048, vfsByPhysnet: {physnet-a: 1}}
            """;

    @Inject
    GitOpsWatcher watcher;
    @Inject
    MeterRegistry meters;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @TempDir
    Path temp;

    @Test
    void specsBecomeRequestsOnceEachWithDerivedIds() throws Exception {
        Path work = temp.resolve("specs");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            GitOpsSettings settings = new GitOpsSettings(work.toString(), "main", "", Duration.ofSeconds(30),
                    temp.resolve("copy"));
            RevCommit first = commit(git, work, "clusters/git-1.yaml", CLUSTER.formatted("git-1", 1),
                    "networkfunctions/upf-g.yaml", NF);
            String expectedId = RequestIds.of(settings.repository(), "clusters/git-1.yaml", "create", first.name(),
                    blob(git, first, "clusters/git-1.yaml"));

            List<GitOpsIntake.Published> added;
            try (GitOpsIntake intake = watcher.intake(settings)) {
                added = intake.poll();
                assertEquals(List.of("clusters/git-1.yaml", "networkfunctions/upf-g.yaml"),
                        added.stream().map(GitOpsIntake.Published::path).toList(), "the cluster before its NF");
                assertEquals(expectedId, added.get(0).id());
                JsonNode cluster = published(EventType.CLUSTER_REQUESTED, expectedId);
                assertEquals("git-1", cluster.get("clusterId").asText());
                assertEquals(1, cluster.at("/controlPlane/replicas").asInt(), "the spec's override of template ha");
                assertEquals("MICROVM", cluster.at("/workers/kind").asText(), "template ha, expanded");
                published(EventType.NETWORK_FUNCTION_REQUESTED, added.get(1).id());
                assertEquals(List.of(), intake.poll(), "the same head asks nothing again");
            }
            try (GitOpsIntake restarted = watcher.intake(settings)) {
                assertEquals(added.stream().map(GitOpsIntake.Published::id).toList(),
                        restarted.poll().stream().map(GitOpsIntake.Published::id).toList(),
                        "after a restart the same specs are asked with the same ids, which placement decided once");

                double yamlBefore = counter("fleet_api_gitops_specs_invalid", "reason", "yaml");
                commit(git, work, "clusters/git-1.yaml", CLUSTER.formatted("git-1", 3),
                        "clusters/broken.yaml", "kind: Cluster\nspec: [unclosed", "clusters/git-2.yaml",
                        CLUSTER.formatted("git-2", 1));
                List<GitOpsIntake.Published> changed = restarted.poll();
                assertEquals(List.of("create git-2", "scale git-1"), changed.stream()
                        .map(p -> p.action() + " " + p.request().subject()).toList());
                ClusterScaleRequested scale = (ClusterScaleRequested) changed.get(1).request();
                assertEquals(3, scale.controlPlaneReplicas());
                assertNull(scale.workerCount());
                assertEquals(3, published(EventType.CLUSTER_SCALE_REQUESTED, changed.get(1).id())
                        .get("controlPlaneReplicas").asInt());
                assertEquals(yamlBefore + 1, counter("fleet_api_gitops_specs_invalid", "reason", "yaml"));

                double notApplicable = counter("fleet_api_gitops_changes_not_applicable", null, null);
                commit(git, work, "clusters/git-2.yaml", CLUSTER.formatted("git-2", 1)
                        .replace("controlPlane: {replicas: 1}", "controlPlane: {replicas: 1, vcpu: 4}"));
                assertEquals(List.of(), restarted.poll(), "a size cannot change in place: reported, not asked");
                assertEquals(notApplicable + 1, counter("fleet_api_gitops_changes_not_applicable", null, null));
                assertEquals(yamlBefore + 1, counter("fleet_api_gitops_specs_invalid", "reason", "yaml"),
                        "an invalid file is metered once, not at every later commit");

                git.rm().addFilepattern("clusters/git-1.yaml").addFilepattern("networkfunctions/upf-g.yaml").call();
                git.commit().setMessage("remove git-1").setAuthor("ops", "ops@example.org").call();
                List<GitOpsIntake.Published> removed = restarted.poll();
                assertEquals(List.of("delete upf-g", "delete git-1"), removed.stream()
                        .map(p -> p.action() + " " + p.request().subject()).toList(), "the NF leaves first");
                JsonNode delete = published(EventType.CLUSTER_DELETE_REQUESTED, removed.get(1).id());
                assertTrue(delete.get("reason").asText().contains("clusters/git-1.yaml"), delete.toString());
                assertEquals(List.of(), restarted.poll());
            }
        }
    }

    private static RevCommit commit(Git git, Path work, String... pathsAndContents) throws Exception {
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path file = work.resolve(pathsAndContents[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, pathsAndContents[i + 1]);
            git.add().addFilepattern(pathsAndContents[i]).call();
        }
        return git.commit().setMessage("specs").setAuthor("ops", "ops@example.org").call();
    }

    private static String blob(Git git, RevCommit commit, String path) throws Exception {
        try (TreeWalk walk = TreeWalk.forPath(git.getRepository(), path, commit.getTree())) {
            return walk.getObjectId(0).name();
        }
    }

    private double counter(String name, String tag, String value) {
        var search = meters.find(name);
        return (tag == null ? search : search.tag(tag, value)).counter().count();
    }

    private JsonNode published(EventType type, String ceId) throws Exception {
        try (TestKafka kafka = new TestKafka(bootstrapServers)) {
            TestKafka.Received record = kafka.await(Topics.CLUSTER_REQUESTS,
                    rec -> ceId.equals(rec.headers().get(CloudEventHeaders.ID)), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no request " + ceId + " on " + Topics.CLUSTER_REQUESTS));
            assertEquals(type.ceType(), record.headers().get(CloudEventHeaders.TYPE));
            assertEquals("/fleet-api", record.headers().get(CloudEventHeaders.SOURCE));
            return EventJson.mapper().readTree(record.value());
        }
    }
}
