package io.edgefleet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventJson;
import io.edgefleet.localstack.fleet.FleetStack;
import io.edgefleet.localstack.fleet.TokenCommand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the end-to-end test asks the running fleet, waiting where it must, and saying what it saw when it fails. */
final class FleetProbes {
    private final FleetStack fleet;
    private final Duration readyWithin;

    FleetProbes(FleetStack fleet, Duration readyWithin) {
        this.fleet = fleet;
        this.readyWithin = readyWithin;
    }

    /**
     * Waits until the cluster is READY with exactly {@code replicas} control planes placed; on failure says what the
     * request's outcome was ({@code submitted}: fleet-api's 202 with the outcome's Location).
     */
    JsonNode awaitControlPlanes(TeamCalls calls, String clusterId, int replicas,
                                               HttpResponse<String> submitted) throws Exception {
        long deadline = System.nanoTime() + readyWithin.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = calls.get("/clusters/" + clusterId);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
                JsonNode body = EventJson.mapper().readTree(r.body());
                if ("READY".equals(body.path("status").asText()) && controlPlanes(body) == replicas) {
                    return body;
                }
            }
            Thread.sleep(200);
        }
        String location = submitted.headers().firstValue("Location").orElse("");
        HttpResponse<String> outcome = location.isEmpty() ? null
                : calls.get(location.substring(location.indexOf("/api/v1") + "/api/v1".length()));
        throw new AssertionError("cluster " + clusterId + " not READY with " + replicas + " control planes within "
                + readyWithin.toSeconds() + " s; last answer: " + last + "; request outcome: "
                + (outcome == null ? "unknown" : outcome.statusCode() + " " + outcome.body())
                + "; logs in " + fleet.runDir().resolve("logs"));
    }

    static int controlPlanes(JsonNode cluster) {
        int n = 0;
        for (JsonNode node : cluster.path("placement")) {
            n += "CONTROL_PLANE".equals(node.path("role").asText()) ? 1 : 0;
        }
        return n;
    }

    /** placement's fleet_placement_site_reports_dropped_total by reason. */
    Map<String, Double> dropped() throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + fleet.ports().placement() + "/q/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> byReason = new TreeMap<>();
        Matcher m = Pattern.compile("fleet_placement_site_reports_dropped_total\\{reason=\"([A-Z_]+)\"} ([0-9.E]+)")
                .matcher(metrics);
        while (m.find()) {
            byReason.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return byReason;
    }

    /** fleet-api answers only with a bearer token: an admin token signed with the local stack's dev key. */
    HttpResponse<String> getWithToken(String url) throws Exception {
        String token = TokenCommand.admin(Path.of(System.getProperty("edgefleet.repo", "../..")), Duration.ofMinutes(10));
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
    }

    JsonNode awaitStatus(String clusterId, String status, String requestCeId) throws Exception {
        String url = "http://localhost:" + fleet.ports().api() + "/api/v1/clusters/" + clusterId;
        long deadline = System.nanoTime() + readyWithin.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = getWithToken(url);
            if (r != null) {
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200) {
                    JsonNode body = EventJson.mapper().readTree(r.body());
                    if (status.equals(body.path("status").asText())) {
                        return body;
                    }
                }
            }
            Thread.sleep(200);
        }
        HttpResponse<String> outcome = getWithToken("http://localhost:" + fleet.ports().api() + "/api/v1/requests/"
                + requestCeId + "?source=/e2e-test");
        throw new AssertionError("cluster " + clusterId + " not " + status + " within " + readyWithin.toSeconds()
                + " s; last answer: " + last + "; request outcome: " + (outcome == null ? "no answer"
                : outcome.statusCode() + " " + outcome.body()) + "; logs in " + fleet.runDir().resolve("logs"));
    }
}
