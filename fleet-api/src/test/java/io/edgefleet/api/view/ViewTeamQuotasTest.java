package io.edgefleet.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.Topics;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.outcome.TeamQuotaChanged;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * Team limits on the compacted status topic ({@code team:<team>}): the view keeps each team's newest, a replayed
 * older one does not win, and a tombstone of that key forgets the limits and nothing of a cluster of that name.
 */
class ViewTeamQuotasTest {
    private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");

    private static ConsumerRecord<String, byte[]> record(String key, EncodedEvent e, long offset) {
        RecordHeaders headers = new RecordHeaders();
        if (e != null) {
            e.headers().forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        return new ConsumerRecord<>(Topics.CLUSTER_STATUS, 0, offset, System.currentTimeMillis(),
                TimestampType.CREATE_TIME, -1, -1, key, e == null ? null : e.value(), headers, Optional.empty());
    }

    private static EncodedEvent encoded(EventPayload payload) {
        return CloudEventCodec.encode(CloudEvent.of("/placement", payload));
    }

    @Test
    void aTeamsLimitsComeFromItsNewestEventOnTheStatusTopic() {
        FleetView view = new FleetView();
        ViewRecords records = new ViewRecords(view, null);
        EncodedEvent older = encoded(new TeamQuotaChanged("ran-core", 64L, null, 16L, 10, "/ops#1", T));
        EncodedEvent newer = encoded(new TeamQuotaChanged("ran-core", null, 262144L, null, 3, "/ops#2", T.plusSeconds(5)));
        assertEquals("team:ran-core", newer.key());
        assertEquals(Topics.CLUSTER_STATUS, newer.topic());

        long before = view.version();
        assertTrue(records.apply(record(newer.key(), newer, 0)).isEmpty());
        assertTrue(view.version() > before, "a change live views must see");
        assertTrue(records.apply(record(older.key(), older, 1)).isEmpty());

        TeamQuotaChanged held = view.teamQuota("ran-core").orElseThrow();
        assertEquals("/ops#2", held.requestId());
        assertNull(held.vcpu(), "the newer set left vcpu unlimited: it is not carried over from the older one");
        assertEquals(262144L, held.memoryMib());
        assertEquals(3, held.clusters());
        assertTrue(view.teamQuota("other-team").isEmpty());
    }

    @Test
    void aTombstoneOfTheTeamKeyForgetsOnlyTheTeamsLimits() {
        FleetView view = new FleetView();
        ViewRecords records = new ViewRecords(view, null);
        // A cluster may share the team's name: their keys differ, so neither tombstone touches the other.
        view.apply(new ClusterStatusChanged("ran-core", "ran-core", "edge-par-01", ClusterStatus.READY, null, List.of(),
                null, T));
        EncodedEvent limits = encoded(new TeamQuotaChanged("ran-core", 8L, null, null, null, "/ops#3", T));
        records.apply(record(limits.key(), limits, 0));

        assertTrue(records.apply(record("team:ran-core", null, 1)).isEmpty());
        assertTrue(view.teamQuota("ran-core").isEmpty());
        assertTrue(view.cluster("ran-core").isPresent(), "the cluster's status stays");

        records.apply(record(limits.key(), limits, 2));
        records.apply(record("ran-core", null, 3));
        assertTrue(view.cluster("ran-core").isEmpty());
        assertEquals(8L, view.teamQuota("ran-core").orElseThrow().vcpu(), "the team's limits stay");
    }
}
