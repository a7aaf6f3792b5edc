package io.edgefleet.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.Topics;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.outcome.RequestRejected;
import io.edgefleet.events.validation.Violation;
import io.edgefleet.events.validation.ViolationCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** A record the view cannot read or apply is answered with why, never thrown: the records after it still apply. */
class ViewRecordsTest {
    private static ConsumerRecord<String, byte[]> record(EncodedEvent e, long offset) {
        RecordHeaders headers = new RecordHeaders();
        e.headers().forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>(e.topic(), 0, offset, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                -1, -1, e.key(), e.value(), headers, Optional.empty());
    }

    private static EncodedEvent accepted(String id) {
        return CloudEventCodec.encode(CloudEvent.of("/placement",
                new RequestAccepted(id, "edge-par-01", RequestKind.CLUSTER_CREATE, "c1", Instant.now())));
    }

    @Test
    void anUnreadableRecordIsAnsweredWithTheCodecsViolations() {
        FleetView view = new FleetView();
        ViewRecords records = new ViewRecords(view, null);
        EncodedEvent good = accepted("r1");
        EncodedEvent garbage = new EncodedEvent(Topics.REQUEST_OUTCOMES, "edge-par-01", good.headers(),
                "{not json".getBytes(StandardCharsets.UTF_8));

        List<Violation> why = records.apply(record(garbage, 0));
        assertEquals(ViolationCode.MALFORMED_JSON, why.get(0).code());
        assertTrue(records.apply(record(good, 1)).isEmpty());
        assertTrue(view.outcome("r1").isPresent());
    }

    @Test
    void anEventTheViewCannotApplyIsAnsweredNotThrown() {
        FleetView failing = new FleetView() {
            @Override
            public void apply(RequestAccepted accepted, long publishedAt) {
                throw new IllegalStateException("boom");
            }
        };
        List<Violation> why = new ViewRecords(failing, null).apply(record(accepted("r2"), 0));
        assertEquals(ViolationCode.UNREADABLE, why.get(0).code());
        assertTrue(why.get(0).message().contains("boom"), why.get(0).message());
    }

    @Test
    void aRejectionWithoutKindApplies() {
        FleetView view = new FleetView();
        EncodedEvent rejected = CloudEventCodec.encode(CloudEvent.of("/placement", new RequestRejected("/x#1", null,
                null, null, "INVALID_REQUEST", "$: not JSON", List.of("$"), Instant.now())));
        assertTrue(new ViewRecords(view, null).apply(record(rejected, 0)).isEmpty());
        assertEquals("REJECTED", view.outcome("/x#1").orElseThrow().status());
    }
}
