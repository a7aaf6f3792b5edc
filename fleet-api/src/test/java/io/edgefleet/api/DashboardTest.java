package io.edgefleet.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The dashboard: its live feed (server-sent events) carries the caller's clusters and the sites'
 * hosts, and Debian's headless Chromium, pointed at the page, shows a cluster created during the
 * test. Placement does not run here: the test publishes placement's and the agent's events to the
 * real broker itself. The screenshot is kept as {@code target/dashboard.png}.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class DashboardTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

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

        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/fleet/stream"))
                .header("Authorization", "Bearer " + Tokens.team("team-a")).header("Accept", "text/event-stream")
                .build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        JsonNode snapshot;
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            String data = null;
            while (data == null && it.hasNext()) {
                String line = it.next();
                if (line.startsWith("data:")) {
                    data = line.substring(5).trim();
                }
            }
            snapshot = EventJson.mapper().readTree(data);
        }
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
    void headlessChromiumShowsAClusterCreatedDuringTheTest() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "SKIPPED: /usr/bin/chromium is absent; install Debian's"
                + " headless browser with: apt-get install -y chromium");
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
        String dom = Eventually.await("the dashboard showing dash-live READY", () -> dumpDom(page),
                d -> d.contains("data-cluster=\"dash-live\"") && d.matches("(?s).*data-cluster=\"dash-live\".*?READY.*"));
        assertTrue(dom.contains("data-host=\"dash-web-h1\""), "per-host bars of the site are drawn");
        assertTrue(dom.contains("worker of dash-web-a") || dom.contains("worker of (another team)"),
                "the bare-metal worker's host is marked");

        // The screenshot is kept once it shows the drawn site: the purple of the UPF's pinned cores is on it.
        Path shot = Path.of("target", "dashboard.png").toAbsolutePath();
        Eventually.await("a screenshot of the drawn dashboard in " + shot, () -> {
            chromium("--screenshot=" + shot, "--window-size=1400,1100", "--virtual-time-budget=3000", page);
            return hasColour(shot, PINNED_PURPLE);
        }, drawn -> drawn);
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

    private static String dumpDom(String url) {
        return chromium("--dump-dom", "--virtual-time-budget=3000", url);
    }

    /** Runs headless Chromium once (as root it needs --no-sandbox) with a fresh profile; returns stdout. */
    private static String chromium(String... args) {
        Path profile = null;
        try {
            profile = Files.createTempDirectory("chromium-profile");
            List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                    "--user-data-dir=" + profile));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not finish");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("running chromium failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp profile left behind is harmless
        }
    }
}
