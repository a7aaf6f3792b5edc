package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ControlPlane;
import io.edgefleet.events.request.WorkerKind;
import io.edgefleet.events.request.Workers;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Consolidation on a schedule (edgefleet.placement.consolidation.auto.interval, ADR 0031), over the real
 * stack with the agent's reports simulated: nobody asks, yet a fragmented site gets the consolidation an
 * operator's APPLY would start (the same moves, the same events, a request id saying it came from the
 * schedule) and ends DONE with the host freed; a site with nothing to free gets none.
 *
 * <p>The fragmented site is ConsolidationFlowTest's (three hosts of 108 GiB usable, clusters of 100 GiB,
 * 100 GiB and a small one, the first deleted); each state on the way there has nothing to free (the
 * engine's choices are pinned by ConsolidationPlannerTest), so the schedule cannot start early.
 */
@QuarkusTest
@TestProfile(AutoConsolidationTest.EverySecond.class)
@WithTestResource(LocalStackTestResource.class)
class AutoConsolidationTest extends FlowTest {
    /** Sorted before the fragmented site: the round that starts the latter has looked at this one. */
    private static final String QUIET = "auto-a-quiet";
    private static final String FRAGMENTED = "auto-f-fragmented";

    /** The schedule every second. */
    public static class EverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("edgefleet.placement.consolidation.auto.interval", "1s");
        }
    }

    @Test
    void aFragmentedSiteIsConsolidatedUnaskedAndAQuietSiteIsLeftAlone() throws Exception {
        flow.send(TestFleet.heartbeat(QUIET, 2));
        flow.awaitSiteKnown(QUIET);
        accepted(flow.send(cluster(QUIET + "-c-1", QUIET, 8192)).requestId());

        flow.send(TestFleet.heartbeat(FRAGMENTED, 3));
        flow.awaitSiteKnown(FRAGMENTED);
        for (String[] c : new String[][] {{"c-1", "98304"}, {"c-2", "98304"}, {"c-3", "4096"}}) {
            accepted(flow.send(cluster(FRAGMENTED + "-" + c[0], FRAGMENTED, Long.parseLong(c[1]))).requestId());
        }
        accepted(flow.send(new ClusterDeleteRequested(FRAGMENTED + "-c-1", "team-a", FRAGMENTED, "make room"))
                .requestId());

        JsonNode applying = event(FRAGMENTED, "APPLYING", Flow.WAIT).orElseThrow(() -> new AssertionError(
                "no automatic consolidation of " + FRAGMENTED));
        String requestId = applying.path("requestId").asText();
        assertTrue(requestId.startsWith("/placement#auto-" + FRAGMENTED + "-"), requestId);
        assertEquals(List.of("h1"), strings(applying.path("hostsToFree")), applying.toString());
        assertEquals(2, applying.path("moves").size(), applying.toString());

        JsonNode done = runUntilDone(requestId);
        assertEquals(List.of("h1"), strings(done.path("hostsFreed")), done.toString());
        for (JsonNode m : done.path("moves")) {
            assertTrue(m.path("done").asBoolean(), done.toString());
        }
        assertFalse(hostsOfHolders(FRAGMENTED).containsValue("h1"), "h1 holds nothing: " + hostsOfHolders(FRAGMENTED));
        assertEquals(List.of(requestId + " DONE"), consolidations(FRAGMENTED), "one consolidation, done");
        awaitTrue(() -> metric("fleet_consolidation_auto_started_total") >= 1, "the schedule's start is counted");

        io.restassured.RestAssured.get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'placement-loops' }.data.loops",
                        org.hamcrest.Matchers.containsString("automatic consolidation"));

        // The rounds that started and drove the consolidation looked at the quiet site first, and found nothing.
        assertEquals(List.of(), consolidations(QUIET), "nothing to free on " + QUIET + ": " + hostsOfHolders(QUIET));
    }

    private static ClusterRequested cluster(String clusterId, String siteId, long workerMib) {
        return new ClusterRequested(clusterId, "team-a", siteId, "1.31.2", new ControlPlane(1, 2, 4096, 20),
                new Workers(WorkerKind.MICROVM, 1, 4, workerMib, 40), null, Map.of());
    }

    /** Reports RUNNING for every replacement microVM of the site until the consolidation is DONE. */
    private JsonNode runUntilDone(String requestId) throws Exception {
        long deadline = System.nanoTime() + Flow.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ReplacementReports.runAll(dataSource, flow, FRAGMENTED);
            Optional<JsonNode> found = event(FRAGMENTED, "DONE", Duration.ofMillis(500))
                    .filter(e -> requestId.equals(e.path("requestId").asText()));
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new AssertionError("consolidation " + requestId + " never reached DONE");
    }

    /** The site's consolidation event in {@code state}, whoever started it. */
    private Optional<JsonNode> event(String siteId, String state, Duration wait) {
        return flow.kafka.await(Topics.REQUEST_OUTCOMES, rec -> EventType.SITE_CONSOLIDATION_CHANGED.ceType()
                        .equals(rec.headers().get(CloudEventHeaders.TYPE))
                        && siteId.equals(Flow.json(rec).path("siteId").asText())
                        && state.equals(Flow.json(rec).path("state").asText()), wait).map(Flow::json);
    }

    /** The site's stored consolidations, "request-id STATE", oldest first. */
    private List<String> consolidations(String siteId) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select request_id, state from site_consolidation where site_id = ? order by created_at")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return out;
    }

    private Map<String, String> hostsOfHolders(String siteId) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select holder_id, host_id from allocation where site_id = ?")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private static double metric(String prefix) {
        return io.restassured.RestAssured.get("/q/metrics").asString().lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private void accepted(String requestId) {
        String type = flow.kafka.await(Topics.REQUEST_OUTCOMES, rec -> {
            String t = rec.headers().get(CloudEventHeaders.TYPE);
            return (EventType.REQUEST_ACCEPTED.ceType().equals(t) || EventType.REQUEST_REJECTED.ceType().equals(t))
                    && requestId.equals(Flow.json(rec).path("requestId").asText());
        }, Flow.WAIT).orElseThrow(() -> new AssertionError("no outcome for " + requestId)).headers()
                .get(CloudEventHeaders.TYPE);
        assertEquals(EventType.REQUEST_ACCEPTED.ceType(), type, requestId);
    }
}
