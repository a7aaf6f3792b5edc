package io.edgefleet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventJson;
import io.edgefleet.localstack.FreePorts;
import io.edgefleet.localstack.fleet.FleetPorts;
import io.edgefleet.localstack.fleet.FleetStack;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Day-2 operations over the real processes of the local fleet (three simulated sites): a rolling Kubernetes
 * upgrade that keeps the cluster READY at every step, a site consolidation whose apply frees the hosts its dry
 * run promised, and a cluster that lives and dies by a file in a Git repository.
 */
class DayTwoEndToEndIT {
    private static final Duration WITHIN = Duration.ofSeconds(120);
    private static FleetStack fleet;
    private static FleetProbes probes;
    private static GitRepository git;

    @BeforeAll
    static void up() throws Exception {
        Path repo = Path.of(System.getProperty("edgefleet.repo", "../..")).toAbsolutePath().normalize();
        Path runDir = Path.of("target", "fleet-day2-" + ProcessHandle.current().pid()).toAbsolutePath();
        git = GitRepository.init(runDir.resolve("specs"));
        FleetPorts ports = new FleetPorts(FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(),
                FreePorts.pick() - 10);
        fleet = new FleetStack(repo, runDir, ports, System.out).withGitOps(git.dir().toString());
        fleet.up(3, false);
        probes = new FleetProbes(fleet, WITHIN);
    }

    @AfterAll
    static void down() throws Exception {
        if (fleet != null) {
            fleet.down();
        }
    }

    /**
     * Issue "Day-2 fleet operations", done when 1: a 3-replica cluster moves from 1.31 to 1.32 one replica at a time;
     * every answer fleet-api gives while it rolls says READY with at least 3 control planes, and at the end every
     * node and the dashboard's snapshot show the new version.
     */
    @Test
    void aThreeReplicaClusterUpgradesToTheNextMinorAndStaysReadyThroughout() throws Exception {
        TeamCalls team = new TeamCalls(fleet.ports().api(), "team-a");
        HttpResponse<String> created = team.post("/clusters", clusterBody("up-1", "edge-par-02", "1.31.2"));
        assertEquals(202, created.statusCode(), created.body());
        probes.awaitControlPlanes(team, "up-1", 3, created);

        HttpResponse<String> upgrade = team.post("/clusters/up-1/upgrade", "{\"kubernetesVersion\": \"1.32.1\"}");
        assertEquals(202, upgrade.statusCode(), upgrade.body());

        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + WITHIN.toNanos();
        JsonNode cluster = null;
        boolean sawRoll = false;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = team.get("/clusters/up-1");
            assertEquals(200, r.statusCode(), r.body());
            cluster = EventJson.mapper().readTree(r.body());
            String step = cluster.path("status").asText() + " " + FleetProbes.controlPlanes(cluster) + " cp "
                    + cluster.path("kubernetesVersion").asText() + " " + cluster.path("upgrade").path("state").asText();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(step)) {
                seen.add(step);
            }
            assertEquals("READY", cluster.path("status").asText(), "the cluster left READY while upgrading: " + seen);
            assertTrue(FleetProbes.controlPlanes(cluster) >= 3, "fewer than 3 control planes while upgrading: " + seen);
            sawRoll |= "ROLLING".equals(cluster.path("upgrade").path("state").asText());
            if ("1.32.1".equals(cluster.path("kubernetesVersion").asText())
                    && !"ROLLING".equals(cluster.path("upgrade").path("state").asText())) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals("1.32.1", cluster.path("kubernetesVersion").asText(), "not upgraded within " + WITHIN + ": " + seen);
        assertTrue(sawRoll, "the roll was never seen under way: " + seen);
        assertEquals(3, FleetProbes.controlPlanes(cluster), cluster.toString());

        JsonNode snapshot = team.await("/fleet/snapshot", s -> versionInSnapshot(s, "up-1").equals("1.32.1"), WITHIN);
        assertEquals("1.32.1", versionInSnapshot(snapshot, "up-1"), "the dashboard's data");
    }

    /**
     * Done when 4: a cluster spec committed to the Git repository fleet-api watches becomes a READY cluster; removing
     * the file deletes it.
     */
    @Test
    void aSpecCommittedToGitBecomesAReadyClusterAndRemovingItDeletesIt() throws Exception {
        TeamCalls team = new TeamCalls(fleet.ports().api(), "team-a");
        git.commit("clusters/git-1.yaml", "kind: Cluster\nspec:\n  clusterId: git-1\n  team: team-a\n"
                + "  siteId: edge-par-01\n  template: small\n  kubernetesVersion: \"1.31.2\"\n", "add git-1");

        JsonNode ready = team.await("/clusters/git-1", c -> "READY".equals(c.path("status").asText()), WITHIN);
        assertEquals("team-a", ready.path("team").asText(), ready.toString());

        git.remove("clusters/git-1.yaml", "remove git-1");
        team.awaitGone("/clusters/git-1", WITHIN);
    }

    /**
     * Done when 2: on edge-par-03, clusters with large workers are created and every other one deleted, which leaves
     * holes; {@code fleetctl site consolidate edge-par-03 --dry-run} promises hosts, and the same command without
     * {@code --dry-run} frees exactly those hosts: afterwards no planned microVM runs on them.
     */
    @Test
    void fleetctlConsolidateFreesTheHostsItsDryRunPromised() throws Exception {
        TeamCalls team = new TeamCalls(fleet.ports().api(), "team-a");
        List<String> ids = List.of("con-1", "con-2", "con-3", "con-4", "con-5", "con-6");
        for (String id : ids) {
            HttpResponse<String> created = team.post("/clusters", "{\"clusterId\": \"" + id + "\", \"team\": \"team-a\", "
                    + "\"siteId\": \"edge-par-03\", \"kubernetesVersion\": \"1.31.2\", \"controlPlane\": {\"replicas\": 1, "
                    + "\"vcpu\": 2, \"memoryMib\": 2048, \"diskGib\": 20}, \"workers\": {\"kind\": \"MICROVM\", \"count\": 1, "
                    + "\"vcpu\": 8, \"memoryMib\": 98304, \"diskGib\": 40}}");
            assertEquals(202, created.statusCode(), created.body());
            team.await("/clusters/" + id, c -> "READY".equals(c.path("status").asText()), WITHIN);
        }
        for (int i = 0; i < ids.size(); i += 2) {
            assertEquals(202, team.delete("/clusters/" + ids.get(i)).statusCode());
        }
        for (int i = 0; i < ids.size(); i += 2) {
            String id = ids.get(i);
            team.awaitGone("/clusters/" + id, WITHIN);
        }

        FleetCtlRun dryRun = FleetCtlRun.run(fleet, "site", "consolidate", "edge-par-03", "--dry-run", "-o", "json");
        assertEquals(0, dryRun.exitCode(), dryRun.output());
        JsonNode planned = dryRun.lastJson();
        assertEquals("PLANNED", planned.path("state").asText(), planned.toString());
        List<String> promised = FleetCtlRun.strings(planned.path("hostsToFree"));
        assertTrue(!promised.isEmpty(), "the holes left by the deletions should let the dry run free a host: " + planned);

        FleetCtlRun apply = FleetCtlRun.run(fleet, "site", "consolidate", "edge-par-03", "--wait", "-o", "json");
        assertEquals(0, apply.exitCode(), apply.output());
        JsonNode done = apply.lastJson();
        assertEquals("DONE", done.path("state").asText(), done.toString());
        assertEquals(promised, FleetCtlRun.strings(done.path("hostsFreed")), "freed what the dry run promised: " + done);
        for (int i = 1; i < ids.size(); i += 2) {
            JsonNode cluster = team.await("/clusters/" + ids.get(i), c -> "READY".equals(c.path("status").asText()), WITHIN);
            for (JsonNode node : cluster.path("placement")) {
                assertTrue(!promised.contains(node.path("hostId").asText()), "a node still on a freed host: " + cluster);
            }
        }
    }

    static String clusterBody(String id, String site, String version) {
        return "{\"clusterId\": \"" + id + "\", \"team\": \"team-a\", \"siteId\": \"" + site + "\", \"kubernetesVersion\": \""
                + version + "\", \"controlPlane\": {\"replicas\": 3, \"vcpu\": 2, \"memoryMib\": 2048, \"diskGib\": 20}, "
                + "\"workers\": {\"kind\": \"MICROVM\", \"count\": 1, \"vcpu\": 2, \"memoryMib\": 2048, \"diskGib\": 20}}";
    }

    private static String versionInSnapshot(JsonNode snapshot, String clusterId) {
        for (JsonNode c : snapshot.path("clusters")) {
            if (clusterId.equals(c.path("clusterId").asText())) {
                return c.path("kubernetesVersion").asText();
            }
        }
        return "";
    }

    /** A Git repository on disk, driven with the git command line as an operator would. */
    record GitRepository(Path dir) {
        static GitRepository init(Path dir) throws Exception {
            Files.createDirectories(dir);
            GitRepository repo = new GitRepository(dir);
            repo.git("init", "-q", "-b", "main");
            repo.git("config", "user.email", "ops@example.org");
            repo.git("config", "user.name", "ops");
            Files.writeString(dir.resolve("README.md"), "cluster and network-function specs, one per file\n");
            repo.git("add", "README.md");
            repo.git("commit", "-q", "-m", "start");
            return repo;
        }

        void commit(String path, String content, String message) throws Exception {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            git("add", path);
            git("commit", "-q", "-m", message);
        }

        void remove(String path, String message) throws Exception {
            git("rm", "-q", path);
            git("commit", "-q", "-m", message);
        }

        private void git(String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        }
    }
}
