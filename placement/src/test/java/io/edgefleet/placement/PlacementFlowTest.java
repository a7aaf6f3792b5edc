package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.localstack.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service over the real broker and PostgreSQL: a site reports, a cluster is requested, and
 * placement answers with exactly one outcome and a plan; duplicates and garbage lose nothing.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class PlacementFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    TestKafka kafka;

    @BeforeEach
    void connect() {
        kafka = new TestKafka(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void placesThreeControlPlanesOnDistinctHostsAndPublishesThePlan() throws Exception {
        TestSites.sendReport(kafka, TestFleet.heartbeat("flow-1", 4));
        awaitSiteKnown("flow-1");
        CloudEvent<?> request = CloudEvent.of("/test", TestFleet.cluster("c-flow-1", "flow-1", 3));
        kafka.send(CloudEventCodec.encode(request));

        JsonNode outcome = awaitOutcome(request.requestId());
        assertEquals(EventType.REQUEST_ACCEPTED.ceType(), outcome.get("type").asText(), outcome.toString());

        SitePlan plan = awaitPlan("flow-1", p -> p.clusters().stream().anyMatch(c -> c.clusterId().equals("c-flow-1")));
        List<PlannedMicroVm> controlPlanes = plan.microVms().stream()
                .filter(vm -> vm.clusterId().equals("c-flow-1") && vm.role() == MicroVmRole.CONTROL_PLANE).toList();
        assertEquals(3, controlPlanes.size(), plan.toString());
        Set<String> hosts = controlPlanes.stream().map(PlannedMicroVm::hostId).collect(Collectors.toSet());
        assertEquals(3, hosts.size(), "control planes on distinct hosts: " + controlPlanes);
    }

    @Test
    void aDuplicateRequestGetsTheFirstOutcomeAgainAndIsNotPlacedTwice() throws Exception {
        TestSites.sendReport(kafka, TestFleet.heartbeat("flow-2", 4));
        awaitSiteKnown("flow-2");
        EncodedEvent request = CloudEventCodec.encode(CloudEvent.of("/test", TestFleet.cluster("c-dup", "flow-2", 3)));
        kafka.send(request);
        kafka.send(request);
        String requestId = CloudEvent.requestId("/test", request.headers().get(CloudEventHeaders.ID));

        List<TestKafka.Received> outcomes = kafka.all(Topics.REQUEST_OUTCOMES,
                r -> requestId.equals(json(r).path("requestId").asText()), Duration.ofSeconds(8));
        assertEquals(2, outcomes.size(), "one outcome per delivery");
        for (TestKafka.Received r : outcomes) {
            assertEquals(EventType.REQUEST_ACCEPTED.ceType(), r.headers().get(CloudEventHeaders.TYPE));
        }
        assertEquals(outcomes.get(0).headers().get(CloudEventHeaders.ID), outcomes.get(1).headers().get(CloudEventHeaders.ID),
                "the first outcome again, with its event id: consumers that dedupe by id see one outcome");
        SitePlan plan = awaitPlan("flow-2", p -> p.clusters().stream().anyMatch(c -> c.clusterId().equals("c-dup")));
        long vms = plan.microVms().stream().filter(vm -> vm.clusterId().equals("c-dup")).count();
        assertEquals(4, vms, "3 control planes + 1 worker, placed once: " + plan);
    }

    @Test
    void anInvalidRequestIsRejectedWithEveryPathAndGarbageGoesToDeadLetters() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        headers.put(CloudEventHeaders.ID, "bad-1");
        headers.put(CloudEventHeaders.SOURCE, "/test");
        headers.put(CloudEventHeaders.TYPE, EventType.CLUSTER_REQUESTED.ceType());
        headers.put(CloudEventHeaders.CONTENT_TYPE, "application/json");
        String body = "{\"clusterId\":\"c-bad\",\"team\":\"team-a\",\"siteId\":\"flow-3\",\"kubernetesVersion\":\"1.31.2\","
                + "\"controlPlane\":{\"replicas\":4,\"vcpu\":-1,\"memoryMib\":4096,\"diskGib\":20}}";
        kafka.send(Topics.CLUSTER_REQUESTS, "flow-3", headers, body.getBytes(StandardCharsets.UTF_8));
        kafka.send(Topics.CLUSTER_REQUESTS, "flow-3", Map.of(), "not json at all".getBytes(StandardCharsets.UTF_8));

        JsonNode rejected = awaitOutcome("/test#bad-1");
        assertEquals(EventType.REQUEST_REJECTED.ceType(), rejected.get("type").asText());
        Set<String> paths = new HashSet<>();
        rejected.get("data").get("paths").forEach(p -> paths.add(p.asText()));
        assertTrue(paths.contains("$.controlPlane.replicas"), paths.toString());
        assertTrue(paths.contains("$.controlPlane.vcpu"), paths.toString());

        var dead = kafka.await(Topics.DEAD_LETTERS, r -> r.valueAsString().equals("not json at all"), WAIT);
        assertTrue(dead.isPresent(), "the garbage record is in the dead-letter topic");
        assertTrue(dead.get().headers().get(CloudEventHeaders.DLQ_REASON).length() > 0);
    }

    private void awaitSiteKnown(String siteId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String body = io.restassured.RestAssured.get("/api/v1/sites").asString();
            if (body.contains("\"" + siteId + "\"")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("site " + siteId + " never became known");
    }

    /** The outcome event of a request, as {type, data}. */
    private JsonNode awaitOutcome(String requestId) {
        TestKafka.Received r = kafka.await(Topics.REQUEST_OUTCOMES,
                rec -> requestId.equals(json(rec).path("requestId").asText()), WAIT)
                .orElseThrow(() -> new AssertionError("no outcome for " + requestId));
        var node = EventJson.mapper().createObjectNode();
        node.put("type", r.headers().get(CloudEventHeaders.TYPE));
        node.set("data", json(r));
        return node;
    }

    private SitePlan awaitPlan(String siteId, java.util.function.Predicate<SitePlan> match) throws Exception {
        TestKafka.Received r = kafka.await(Topics.SITE_PLANS,
                rec -> siteId.equals(rec.key()) && match.test(plan(rec)), WAIT)
                .orElseThrow(() -> new AssertionError("no matching plan for site " + siteId));
        return plan(r);
    }

    private static SitePlan plan(TestKafka.Received r) {
        try {
            return EventJson.mapper().readValue(r.value(), SitePlan.class);
        } catch (Exception e) {
            throw new AssertionError("unreadable plan", e);
        }
    }

    private static JsonNode json(TestKafka.Received r) {
        try {
            return EventJson.mapper().readTree(r.value());
        } catch (Exception e) {
            return EventJson.mapper().createObjectNode();
        }
    }
}
