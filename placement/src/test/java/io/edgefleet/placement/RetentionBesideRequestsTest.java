package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.localstack.testing.TestKafka;
import io.edgefleet.placement.retention.PurgeKind;
import io.edgefleet.placement.retention.RetentionStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention beside the real request path (Kafka in, PostgreSQL, outcomes out): a site's requests are
 * decided while a purge batch holds that site's ended cluster and old request log rows, and once the
 * purge committed, a request id seen before is a new request.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class RetentionBesideRequestsTest {
    private static final Duration PERIOD = Duration.ofDays(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource dataSource;
    @Inject
    RetentionStore retention;

    Flow flow;

    @BeforeEach
    void connect() {
        flow = new Flow(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        flow.close();
    }

    @Test
    void requestsAreDecidedWhileAPurgeHoldsEndedRowsAndAPurgedRequestIdIsNewAgain() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String site = "ret-flow-" + run;
        String ended = "c-ended-" + run;
        flow.send(TestFleet.heartbeat(site, 4));
        flow.awaitSiteKnown(site);
        CloudEvent<EventPayload> create = flow.sendRequest(TestFleet.cluster(ended, site, 1));
        String firstOutcomeId = accepted(create);
        CloudEvent<EventPayload> delete = flow.sendRequest(new ClusterDeleteRequested(ended, "team-a", site, "done"));
        accepted(delete);
        age("update cluster set updated_at = now() - interval '40 days' where cluster_id = ? and status = 'DELETED'",
                ended);
        age("update request set received_at = now() - interval '40 days' where request_id = ?", create.requestId());
        age("update request set received_at = now() - interval '40 days' where request_id = ?", delete.requestId());

        try (Connection purge = dataSource.getConnection()) {
            purge.setAutoCommit(false);
            assertTrue(retention.purge(purge, PurgeKind.CLUSTER, PERIOD, 500) >= 1);
            assertTrue(retention.purge(purge, PurgeKind.REQUEST, PERIOD, 500) >= 2);

            // The batch is open: the site's next request is decided and committed all the same...
            accepted(flow.sendRequest(TestFleet.cluster("c-next-" + run, site, 1)));
            // ...and the old request is still a duplicate, answered with its first outcome again.
            flow.kafka.send(CloudEventCodec.encode(create));
            List<TestKafka.Received> answers = outcomes(create, 2);
            assertEquals(2, answers.size(), "the first outcome and its repetition");
            assertTrue(answers.stream().allMatch(r -> firstOutcomeId.equals(r.headers().get(CloudEventHeaders.ID))));
            purge.commit();
        }

        // Purged: the same request id is a new request, decided again. The cluster id is free again too.
        flow.kafka.send(CloudEventCodec.encode(create));
        TestKafka.Received again = flow.kafka.await(Topics.REQUEST_OUTCOMES, r -> isOutcomeOf(create, r)
                && !firstOutcomeId.equals(r.headers().get(CloudEventHeaders.ID)), Flow.WAIT)
                .orElseThrow(() -> new AssertionError("the purged request was not decided again"));
        assertEquals(EventType.REQUEST_ACCEPTED.ceType(), again.headers().get(CloudEventHeaders.TYPE));
        assertNotEquals("DELETED", status(ended), "a new cluster under the purged cluster's id");
    }

    /** Waits for the request's (first) outcome, which must be an acceptance; returns its event id. */
    private String accepted(CloudEvent<EventPayload> request) {
        TestKafka.Received outcome = flow.kafka.await(Topics.REQUEST_OUTCOMES, r -> isOutcomeOf(request, r), Flow.WAIT)
                .orElseThrow(() -> new AssertionError("no outcome for " + request.requestId()));
        assertEquals(EventType.REQUEST_ACCEPTED.ceType(), outcome.headers().get(CloudEventHeaders.TYPE),
                outcome.valueAsString());
        return outcome.headers().get(CloudEventHeaders.ID);
    }

    /** The outcomes of a request seen so far, reading until there are {@code expected} (or 30 s passed). */
    private List<TestKafka.Received> outcomes(CloudEvent<EventPayload> request, int expected) {
        long deadline = System.nanoTime() + Flow.WAIT.toNanos();
        List<TestKafka.Received> found = List.of();
        while (found.size() < expected && System.nanoTime() < deadline) {
            found = flow.kafka.all(Topics.REQUEST_OUTCOMES, r -> isOutcomeOf(request, r), Duration.ofSeconds(1));
        }
        return found;
    }

    private static boolean isOutcomeOf(CloudEvent<EventPayload> request, TestKafka.Received r) {
        return request.requestId().equals(Flow.json(r).path("requestId").asText());
    }

    private void age(String sql, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            assertEquals(1, ps.executeUpdate(), sql);
        }
    }

    private String status(String clusterId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select status from cluster where cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "cluster " + clusterId + " exists");
                return rs.getString(1);
            }
        }
    }
}
