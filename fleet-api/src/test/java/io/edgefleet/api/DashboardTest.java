package io.edgefleet.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.NetworkFunctionStatus;
import io.edgefleet.events.outcome.ReplicaPlacement;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The dashboard: its live feed (server-sent events) carries the caller's clusters and network
 * functions and the sites' hosts, and Debian's headless Chromium, pointed at the page, shows a
 * cluster created during the test and a failed network function with its reason. Placement does
 * not run here: the test publishes placement's and the agent's events to the real broker itself.
 * The screenshot is kept as {@code target/dashboard.png}.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class DashboardTest {
    /** What the Kubernetes scheduler says when no node offers the VFs a replica asks for. */
    static final String UNSCHEDULABLE = "0/3 nodes are available: 3 Insufficient intel.com/sriov_physnet_a."
            + " preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URL base;

    @Test
    void theStreamSendsASnapshotWithTheCallersClustersAndTheSitesHosts() throws Exception {
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.publish(SiteFixture.heartbeat("dash-s"));
            placement.publish(SiteFixture.plan("dash-s"));
            placement.cluster("dash-s-a", "team-a", "dash-s", ClusterStatus.READY);
            placement.cluster("dash-s-b", "team-b", "dash-s", ClusterStatus.READY);
        }
        Eventually.await("both clusters", () -> given().auth().oauth2(Tokens.admin())
                .get("/api/v1/clusters?site=dash-s").jsonPath().getInt("total"), n -> n == 2);

        JsonNode snapshot = firstSnapshot(Tokens.team("team-a"));
        List<String> clusters = new ArrayList<>();
        snapshot.path("clusters").forEach(c -> clusters.add(c.path("clusterId").asText()));
        assertTrue(clusters.contains("dash-s-a"), clusters.toString());
        assertFalse(clusters.contains("dash-s-b"), "team a does not see team b's cluster: " + clusters);
        JsonNode site = null;
        for (JsonNode s : snapshot.path("sites")) {
            if (s.path("site").path("siteId").asText().equals("dash-s")) {
                site = s;
            }
        }
        assertTrue(site != null, "the site is in the snapshot");
        assertEquals(2, site.path("hosts").size());
        assertEquals(4, site.path("hosts").get(0).path("cpu").path("pinnedCores").asInt());
        assertTrue(snapshot.path("summary").path("hosts").asInt() >= 2);
    }

    @Test
    void theStreamSendsTheCallersNetworkFunctionsWithStatusReasonAndReplicas() throws Exception {
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.networkFunction("dash-upf-a", "dash-nf-a", "team-a", "dash-nf", NetworkFunctionStatus.FAILED,
                    UNSCHEDULABLE, new ReplicaPlacement(0, "dash-nf-h2", 1));
            placement.networkFunction("dash-upf-b", "dash-nf-b", "team-b", "dash-nf");
        }
        Eventually.await("both network functions", () -> given().auth().oauth2(Tokens.admin())
                .get("/api/v1/network-functions?site=dash-nf").jsonPath().getInt("total"), n -> n == 2);

        JsonNode snapshot = firstSnapshot(Tokens.team("team-a"));
        JsonNode mine = null;
        List<String> ids = new ArrayList<>();
        for (JsonNode nf : snapshot.path("networkFunctions")) {
            ids.add(nf.path("nfId").asText());
            if (nf.path("nfId").asText().equals("dash-upf-a")) {
                mine = nf;
            }
        }
        assertNotNull(mine, "team a sees its network function: " + ids);
        assertFalse(ids.contains("dash-upf-b"), "team a does not see team b's network function: " + ids);
        assertEquals("dash-nf-a", mine.path("clusterId").asText());
        assertEquals("team-a", mine.path("team").asText());
        assertEquals("FAILED", mine.path("status").asText());
        assertEquals(UNSCHEDULABLE, mine.path("reason").asText());
        assertEquals("dash-nf-h2", mine.path("replicas").get(0).path("hostId").asText());
        assertEquals(1, mine.path("replicas").get(0).path("numaNode").asInt());
        assertEquals(ids.size(), snapshot.path("summary").path("networkFunctions").asInt(),
                "the tile counts the network functions the table lists");

        List<String> adminIds = new ArrayList<>();
        firstSnapshot(Tokens.admin()).path("networkFunctions").forEach(nf -> adminIds.add(nf.path("nfId").asText()));
        assertTrue(adminIds.containsAll(List.of("dash-upf-a", "dash-upf-b")), "an admin sees all: " + adminIds);
    }

    @Test
    void headlessChromiumShowsAClusterCreatedDuringTheTest() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.installed(), HeadlessChromium.MISSING);
        String token = Tokens.team("team-a");
        given().auth().oauth2(token).contentType("application/json")
                .body(AuthorizationTest.CLUSTER_BODY.formatted("dash-live", "team-a").replace("auth-site", "dash-web"))
                .post("/api/v1/clusters").then().statusCode(202);
        // Placement's answer, as it would publish it: the site's plan, the agent's inventory, the status.
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.publish(SiteFixture.heartbeat("dash-web"));
            placement.publish(SiteFixture.plan("dash-web"));
            placement.cluster("dash-live", "team-a", "dash-web", ClusterStatus.PROVISIONING);
            placement.cluster("dash-live", "team-a", "dash-web", ClusterStatus.READY);
        }
        String page = base + "dashboard.html#token=" + token;
        String dom = Eventually.await("the dashboard showing dash-live READY", () -> HeadlessChromium.dumpDom(page),
                d -> d.contains("data-cluster=\"dash-live\"") && d.matches("(?s).*data-cluster=\"dash-live\".*?READY.*"));
        assertTrue(dom.contains("data-host=\"dash-web-h1\""), "per-host bars of the site are drawn");
        assertTrue(dom.contains("worker of dash-web-a") || dom.contains("worker of (another team)"),
                "the bare-metal worker's host is marked");

        // The screenshot is kept once it shows the drawn site: the purple of the UPF's pinned cores is on it.
        Path shot = Path.of("target", "dashboard.png").toAbsolutePath();
        Eventually.await("a screenshot of the drawn dashboard in " + shot, () -> {
            HeadlessChromium.run("--screenshot=" + shot, "--window-size=1400,1100", "--virtual-time-budget=3000", page);
            return hasColour(shot, PINNED_PURPLE);
        }, drawn -> drawn);
    }

    @Test
    void headlessChromiumShowsTheClustersVersionAndWhereItsUpgradeGoes() {
        Assumptions.assumeTrue(HeadlessChromium.installed(), HeadlessChromium.MISSING);
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.publish(new io.edgefleet.events.outcome.ClusterStatusChanged("dash-upg", "team-a", "dash-upg-site",
                    ClusterStatus.READY, "upgrading 1.31 -> 1.32: control plane replica 1 of 3", List.of(), null,
                    java.time.Instant.now(), "1.31", new io.edgefleet.events.outcome.UpgradeProgress("1.31", "1.32",
                    "control plane replica 1 of 3", io.edgefleet.events.outcome.UpgradeState.ROLLING, null)));
        }
        String page = base + "dashboard.html#token=" + Tokens.team("team-a");
        String dom = Eventually.await("the dashboard showing dash-upg", () -> HeadlessChromium.dumpDom(page),
                d -> d.contains("data-cluster=\"dash-upg\""));
        String row = dom.substring(dom.indexOf("data-cluster=\"dash-upg\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertTrue(row.contains("<td>1.31 → 1.32</td>"), "the version and the upgrade's target are shown: " + row);
        assertTrue(row.contains("control plane replica 1 of 3"), "the reason says the step: " + row);
    }

    @Test
    void headlessChromiumShowsAFailedNetworkFunctionWithItsReason() {
        Assumptions.assumeTrue(HeadlessChromium.installed(), HeadlessChromium.MISSING);
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.networkFunction("dash-du-web", "dash-web-nf", "team-a", "dash-web-nf",
                    NetworkFunctionStatus.FAILED, UNSCHEDULABLE, new ReplicaPlacement(0, "dash-web-nf-h1", 1));
            placement.networkFunction("dash-cu-other", "dash-web-nf-b", "team-b", "dash-web-nf");
        }
        String page = base + "dashboard.html#token=" + Tokens.team("team-a");
        String dom = Eventually.await("the dashboard showing dash-du-web", () -> HeadlessChromium.dumpDom(page),
                d -> d.contains("data-nf=\"dash-du-web\""));
        String row = dom.substring(dom.indexOf("data-nf=\"dash-du-web\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertTrue(row.contains(UNSCHEDULABLE), "the whole reason is in the row: " + row);
        assertTrue(row.contains("class=\"failed\""), "the failed row is marked: " + row);
        assertTrue(row.contains(">FAILED<"), "the status is shown: " + row);
        assertTrue(row.contains("dash-web-nf-h1 · NUMA 1"), "the replica's host and NUMA node are shown: " + row);
        assertFalse(dom.contains("dash-cu-other"), "another team's network function is not drawn");
    }

    /** The first event of the live feed, as the given caller receives it. */
    private JsonNode firstSnapshot(String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/fleet/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("data:")) {
                    return EventJson.mapper().readTree(line.substring(5).trim());
                }
            }
        }
        throw new AssertionError("the stream ended before its first snapshot");
    }

    static final int PINNED_PURPLE = 0x7b3fb5;

    private static boolean hasColour(Path png, int rgb) {
        try {
            BufferedImage image = ImageIO.read(png.toFile());
            if (image == null) {
                return false;
            }
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x++) {
                    if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
