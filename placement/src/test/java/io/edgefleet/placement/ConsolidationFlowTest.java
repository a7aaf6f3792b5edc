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
import io.edgefleet.events.request.ConsolidationAction;
import io.edgefleet.events.request.ControlPlane;
import io.edgefleet.events.request.SiteConsolidateRequested;
import io.edgefleet.events.request.WorkerKind;
import io.edgefleet.events.request.Workers;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Site consolidation over the real stack (ADR 0031), with the agent's reports simulated: a dry run
 * lists the moves and changes nothing; its APPLY moves make-before-break, one move at a time here
 * (edgefleet.placement.consolidation.parallel-moves=1 in the test properties), each done once its
 * new microVM reports RUNNING, and ends DONE with the promised hosts empty; a cancel drops the moves
 * not started; a plan the site outgrew is refused.
 *
 * <p>Each site: three hosts of 108 GiB usable; clusters c-1 and c-2 of 100 GiB and a small c-3, then
 * c-1 deleted: h1 keeps two control planes that fit beside the big worker on h2 (the engine's
 * choices on this site are pinned by ConsolidationPlannerTest).
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class ConsolidationFlowTest extends FlowTest {

    @Test
    void aDryRunChangesNothingAndItsApplyFreesThePromisedHosts() throws Exception {
        fragment("con-1");
        Map<String, String> before = hostsOfHolders("con-1");
        String dryRun = flow.send(new SiteConsolidateRequested("con-1", ConsolidationAction.DRY_RUN, null, null))
                .requestId();
        accepted(dryRun);
        JsonNode planned = awaitState(dryRun, "PLANNED");
        assertEquals(List.of("h1"), strings(planned.path("hostsToFree")), planned.toString());
        assertEquals(2, planned.path("moves").size(), planned.toString());
        assertEquals(2, planned.path("hostsInUseBefore").asInt());
        assertEquals(1, planned.path("hostsInUseAfter").asInt());
        assertEquals(before, hostsOfHolders("con-1"), "a dry run moves nothing");

        accepted(flow.send(new SiteConsolidateRequested("con-1", ConsolidationAction.APPLY, dryRun, null)).requestId());
        JsonNode done = runUntil(dryRun, "DONE", "con-1");
        assertEquals(strings(planned.path("hostsToFree")), strings(done.path("hostsFreed")), done.toString());
        for (JsonNode m : done.path("moves")) {
            assertTrue(m.path("done").asBoolean(), done.toString());
            assertEquals(m.path("toHostId").asText(), hostsOfHolders("con-1").get(m.path("holderId").asText()));
        }
        assertFalse(hostsOfHolders("con-1").containsValue("h1"), "h1 holds nothing: " + hostsOfHolders("con-1"));
        assertEquals(0, retiring("con-1"), "every old microVM left the plan");
        awaitTrue(() -> metric("fleet_consolidation_hosts_freed_total") >= 1
                && metric("fleet_consolidation_moves_total") >= 2
                && metric("fleet_consolidation_runs_total{outcome=\"done\"") >= 1, "the meters count the run");
        JsonNode twice = rejected(new SiteConsolidateRequested("con-1", ConsolidationAction.APPLY, dryRun, null));
        assertEquals("PLAN_USED", twice.path("code").asText(), twice.toString());
    }

    @Test
    void aCancelDropsTheMovesNotStarted() throws Exception {
        fragment("con-2");
        String apply = flow.send(new SiteConsolidateRequested("con-2", ConsolidationAction.APPLY, null, null))
                .requestId();
        accepted(apply);
        JsonNode applying = awaitState(apply, "APPLYING");
        assertEquals(2, applying.path("moves").size(), applying.toString());
        JsonNode second = rejected(new SiteConsolidateRequested("con-2", ConsolidationAction.APPLY, null, null));
        assertEquals("CONSOLIDATION_UNDER_WAY", second.path("code").asText(), second.toString());

        accepted(flow.send(new SiteConsolidateRequested("con-2", ConsolidationAction.CANCEL, null, null)).requestId());
        JsonNode cancelled = awaitState(apply, "CANCELLED");
        assertTrue(cancelled.path("reason").asText().startsWith("cancelled: 1 moves not started were dropped, 1 under"
                + " way complete"), cancelled.toString());
        // The one move under way completes; the dropped one never starts.
        JsonNode started = applying.path("moves").get(0);
        JsonNode dropped = applying.path("moves").get(1);
        ReplacementReports.runAll(dataSource, flow, "con-2");
        awaitTrue(() -> retiring("con-2") == 0, "the move under way completes");
        assertEquals(started.path("toHostId").asText(), hostsOfHolders("con-2").get(started.path("holderId").asText()));
        assertEquals(dropped.path("fromHostId").asText(), hostsOfHolders("con-2").get(dropped.path("holderId").asText()));
        JsonNode nothing = rejected(new SiteConsolidateRequested("con-2", ConsolidationAction.CANCEL, null, null));
        assertEquals("NOTHING_TO_CANCEL", nothing.path("code").asText(), nothing.toString());
    }

    @Test
    void aPlanTheSiteOutgrewIsRefused() throws Exception {
        fragment("con-3");
        String dryRun = flow.send(new SiteConsolidateRequested("con-3", ConsolidationAction.DRY_RUN, null, null))
                .requestId();
        JsonNode planned = awaitState(dryRun, "PLANNED");
        String owner = planned.path("moves").get(0).path("ownerId").asText();
        accepted(flow.send(new ClusterDeleteRequested(owner, "team-a", "con-3", "gone before the apply")).requestId());
        JsonNode stale = rejected(new SiteConsolidateRequested("con-3", ConsolidationAction.APPLY, dryRun, null));
        assertEquals("PLAN_STALE", stale.path("code").asText(), stale.toString());
        String message = stale.path("message").asText();
        assertTrue(message.startsWith("site con-3 changed since dry run " + dryRun + ": "), message);
        assertTrue(message.endsWith("; run a new dry run"), message);
        JsonNode unknown = rejected(new SiteConsolidateRequested("con-3", ConsolidationAction.APPLY, "no-such-plan", null));
        assertEquals("UNKNOWN_PLAN", unknown.path("code").asText(), unknown.toString());
    }

    /** Three hosts; two clusters of 100 GiB and a small one; the first big one deleted. */
    private void fragment(String siteId) throws Exception {
        flow.send(TestFleet.heartbeat(siteId, 3));
        flow.awaitSiteKnown(siteId);
        for (String[] c : new String[][] {{"c-1", "98304"}, {"c-2", "98304"}, {"c-3", "4096"}}) {
            accepted(flow.send(cluster(siteId + "-" + c[0], siteId, Long.parseLong(c[1]))).requestId());
        }
        accepted(flow.send(new ClusterDeleteRequested(siteId + "-c-1", "team-a", siteId, "make room")).requestId());
    }

    private static ClusterRequested cluster(String clusterId, String siteId, long workerMib) {
        return new ClusterRequested(clusterId, "team-a", siteId, "1.31.2", new ControlPlane(1, 2, 4096, 20),
                new Workers(WorkerKind.MICROVM, 1, 4, workerMib, 40), null, Map.of());
    }

    /** Reports RUNNING for every replacement microVM of the site, until the consolidation is in {@code state}. */
    private JsonNode runUntil(String requestId, String state, String siteId) throws Exception {
        long deadline = System.nanoTime() + Flow.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ReplacementReports.runAll(dataSource, flow, siteId);
            Optional<JsonNode> found = state(requestId, state, Duration.ofMillis(500));
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new AssertionError("consolidation " + requestId + " never reached " + state);
    }

    private JsonNode awaitState(String requestId, String state) {
        return state(requestId, state, Flow.WAIT).orElseThrow(() -> new AssertionError(
                "no " + state + " event for consolidation " + requestId));
    }

    private Optional<JsonNode> state(String requestId, String state, Duration wait) {
        return flow.kafka.await(Topics.REQUEST_OUTCOMES, rec -> EventType.SITE_CONSOLIDATION_CHANGED.ceType()
                        .equals(rec.headers().get(CloudEventHeaders.TYPE))
                        && requestId.equals(Flow.json(rec).path("requestId").asText())
                        && state.equals(Flow.json(rec).path("state").asText()), wait).map(Flow::json);
    }

    private Map<String, String> hostsOfHolders(String siteId) throws Exception {
        Map<String, String> out = new java.util.TreeMap<>();
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

    private int retiring(String siteId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from retiring_microvm where site_id = ?")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The sum of the service's series whose line starts with {@code prefix}. */
    private static double metric(String prefix) {
        return io.restassured.RestAssured.get("/q/metrics").asString().lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private JsonNode rejected(io.edgefleet.events.EventPayload request) {
        String requestId = flow.send(request).requestId();
        assertEquals(EventType.REQUEST_REJECTED.ceType(), outcomeType(requestId), requestId);
        return Flow.json(flow.kafka.await(Topics.REQUEST_OUTCOMES, rec -> isOutcomeOf(rec, requestId), Flow.WAIT)
                .orElseThrow());
    }

    private void accepted(String requestId) {
        assertEquals(EventType.REQUEST_ACCEPTED.ceType(), outcomeType(requestId), requestId);
    }

    /** The type of the request's one outcome (the topic also carries consolidation events with its id). */
    private String outcomeType(String requestId) {
        return flow.kafka.await(Topics.REQUEST_OUTCOMES, rec -> isOutcomeOf(rec, requestId), Flow.WAIT)
                .orElseThrow(() -> new AssertionError("no outcome for " + requestId)).headers().get(CloudEventHeaders.TYPE);
    }

    private static boolean isOutcomeOf(io.edgefleet.localstack.testing.TestKafka.Received rec, String requestId) {
        String type = rec.headers().get(CloudEventHeaders.TYPE);
        return (EventType.REQUEST_ACCEPTED.ceType().equals(type) || EventType.REQUEST_REJECTED.ceType().equals(type))
                && requestId.equals(Flow.json(rec).path("requestId").asText());
    }
}
