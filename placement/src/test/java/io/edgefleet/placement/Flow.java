package io.edgefleet.placement;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.Topics;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.localstack.testing.TestKafka;
import java.time.Duration;
import java.util.function.Predicate;

/** What the service tests do over the real broker: publish events and wait for their effects. */
final class Flow implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    final TestKafka kafka;

    private final boolean ownsKafka;

    Flow(String bootstrapServers) {
        this.kafka = new TestKafka(bootstrapServers);
        this.ownsKafka = true;
    }

    /** A flow over a producer the caller owns (and closes). */
    Flow(TestKafka kafka) {
        this.kafka = kafka;
        this.ownsKafka = false;
    }

    /**
     * Publishes the payload as a CloudEvent from /test; returns the event (its requestId for
     * requests). A site report is signed with the test site key, its site enrolled first.
     */
    CloudEvent<EventPayload> send(EventPayload payload) {
        CloudEvent<EventPayload> event = CloudEvent.of("/test", payload);
        if (event.type().topic().equals(Topics.SITE_REPORTS)) {
            TestSites.enroll(this, java.util.List.of(event.key()));
            kafka.send(TestSites.signed(CloudEventCodec.encode(event)));
        } else {
            kafka.send(CloudEventCodec.encode(event));
        }
        return event;
    }

    /** Publishes a request as it is (no enrolment, no signature). */
    CloudEvent<EventPayload> sendRequest(EventPayload payload) {
        CloudEvent<EventPayload> event = CloudEvent.of("/test", payload);
        kafka.send(CloudEventCodec.encode(event));
        return event;
    }

    void awaitSiteKnown(String siteId) throws InterruptedException {
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
    JsonNode awaitOutcome(String requestId) {
        TestKafka.Received r = kafka.await(Topics.REQUEST_OUTCOMES,
                rec -> requestId.equals(json(rec).path("requestId").asText()), WAIT)
                .orElseThrow(() -> new AssertionError("no outcome for " + requestId));
        var node = EventJson.mapper().createObjectNode();
        node.put("type", r.headers().get(CloudEventHeaders.TYPE));
        node.set("data", json(r));
        return node;
    }

    SitePlan awaitPlan(String siteId, Predicate<SitePlan> match) {
        TestKafka.Received r = kafka.await(Topics.SITE_PLANS,
                rec -> siteId.equals(rec.key()) && match.test(plan(rec)), WAIT)
                .orElseThrow(() -> new AssertionError("no matching plan for site " + siteId));
        return plan(r);
    }

    /** A status event (cluster or NF) for {@code subject} matching the condition. */
    JsonNode awaitStatus(String subject, Predicate<JsonNode> match) {
        TestKafka.Received r = kafka.await(Topics.CLUSTER_STATUS,
                rec -> subject.equals(rec.headers().get(CloudEventHeaders.SUBJECT)) && match.test(json(rec)), WAIT)
                .orElseThrow(() -> new AssertionError("no matching status for " + subject));
        return json(r);
    }

    static SitePlan plan(TestKafka.Received r) {
        try {
            return EventJson.mapper().readValue(r.value(), SitePlan.class);
        } catch (Exception e) {
            throw new AssertionError("unreadable plan", e);
        }
    }

    static JsonNode json(TestKafka.Received r) {
        try {
            return EventJson.mapper().readTree(r.value());
        } catch (Exception e) {
            return EventJson.mapper().createObjectNode();
        }
    }

    @Override
    public void close() {
        if (ownsKafka) {
            kafka.close();
        }
    }
}
