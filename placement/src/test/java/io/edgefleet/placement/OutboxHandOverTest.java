package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.Topics;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.localstack.testing.TestKafka;
import io.edgefleet.placement.outbox.OutboxEntry;
import io.edgefleet.placement.outbox.OutboxRelay;
import io.edgefleet.placement.outbox.OutboxWriter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The two ways outbox rows reach the broker: handed over from memory once their transaction
 * committed, or read from the table when nobody handed them over. Whichever way claims a row
 * first publishes it; the other publishes nothing.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class OutboxHandOverTest extends FlowTest {
    /** Longer than the orphan poll needs (orphan-after plus a poll interval) in the test profile. */
    private static final Duration QUIET = Duration.ofSeconds(4);

    @Inject
    OutboxWriter writer;
    @Inject
    OutboxRelay relay;

    @Test
    void aCommittedRowNobodyHandedOverIsPublishedOnceFromTheTable() throws Exception {
        String marker = UUID.randomUUID().toString();
        write(event(marker)); // committed, never handed over: as if the writer crashed right after commit

        assertTrue(flow.kafka.await(Topics.CLUSTER_STATUS, r -> isMarked(r, marker), Flow.WAIT).isPresent(),
                "the orphan row was never published");
        assertEquals(1, flow.kafka.all(Topics.CLUSTER_STATUS, r -> isMarked(r, marker), QUIET).size(), "copies");
        assertEquals(0, rowsWithId(marker), "the published row is deleted");
    }

    @Test
    void aHandedOverRowIsPublishedOnceAtOnceAndNotAgainAsAnOrphan() throws Exception {
        String marker = UUID.randomUUID().toString();
        List<OutboxEntry> written = write(event(marker));
        relay.handOver(written);

        assertTrue(flow.kafka.await(Topics.CLUSTER_STATUS, r -> isMarked(r, marker), Duration.ofMillis(900)).isPresent(),
                "a handed-over row goes out before the orphan poll would look at it");
        assertEquals(1, flow.kafka.all(Topics.CLUSTER_STATUS, r -> isMarked(r, marker), QUIET).size(), "copies");
        assertEquals(0, rowsWithId(marker), "the published row is deleted");
    }

    @Test
    void aHandedOverRowThatIsGoneAlreadyIsNotPublishedAgain() throws Exception {
        String marker = UUID.randomUUID().toString();
        List<OutboxEntry> written = write(event(marker));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from outbox where id = ?")) {
            ps.setLong(1, written.get(0).id()); // as the orphan poll, or another replica, does once it published
            assertEquals(1, ps.executeUpdate());
        }
        relay.handOver(written);

        assertEquals(List.of(), flow.kafka.all(Topics.CLUSTER_STATUS, r -> isMarked(r, marker), QUIET),
                "a row claimed by someone else is theirs to publish");
    }

    private List<OutboxEntry> write(EncodedEvent event) throws Exception {
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            List<OutboxEntry> written = writer.append(tx, List.of(event));
            tx.commit();
            return written;
        }
    }

    private int rowsWithId(String marker) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from outbox where ? = any (header_values)")) {
            ps.setString(1, marker);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static EncodedEvent event(String marker) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_id", marker);
        headers.put("ce_type", "test.outbox");
        return new EncodedEvent(Topics.CLUSTER_STATUS, "outbox-test", headers,
                ("{\"marker\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isMarked(TestKafka.Received r, String marker) {
        return marker.equals(r.headers().get("ce_id"));
    }
}
