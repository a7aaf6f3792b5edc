package io.edgefleet.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Readiness waits until every partition is read to its end offset at start; where a start reads from. */
class CatchUpTest {
    static final TopicPartition OUT0 = new TopicPartition("fleet.request-outcomes.v1", 0);
    static final TopicPartition OUT1 = new TopicPartition("fleet.request-outcomes.v1", 1);
    static final TopicPartition STATUS0 = new TopicPartition("fleet.cluster-status.v1", 0);

    @Test
    void notReadyUntilEveryPartitionReachedItsEndAtStart() {
        CatchUp catchUp = new CatchUp(Map.of(OUT0, 100L, OUT1, 0L, STATUS0, 40L));
        catchUp.progress(OUT0, 60);
        catchUp.progress(OUT1, 0);
        catchUp.progress(STATUS0, 40);
        assertFalse(catchUp.done());
        HealthCheckResponse down = ViewReadiness.of(catchUp, "");
        assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
        assertEquals(40L, down.getData().orElseThrow().get("behind fleet.request-outcomes.v1"));
        assertEquals(0L, down.getData().orElseThrow().get("behind fleet.cluster-status.v1"));

        catchUp.progress(OUT0, 100);
        assertTrue(catchUp.done());
        assertEquals(HealthCheckResponse.Status.UP, ViewReadiness.of(catchUp, "").getStatus());

        catchUp.progress(OUT0, 50); // a position seen late never makes it unready again
        assertTrue(catchUp.done());
    }

    @Test
    void notReadyBeforeThePartitionsAreAssignedAndSaysWhy() {
        HealthCheckResponse down = ViewReadiness.of(null, "org.apache.kafka.common.errors.TimeoutException: boom");
        assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
        assertTrue(down.getData().orElseThrow().get("reason").toString().contains("TimeoutException"));
    }

    @Test
    void nothingToReadIsCaughtUpAtOnce() {
        assertTrue(new CatchUp(Map.of()).done());
        CatchUp empty = new CatchUp(Map.of(OUT0, 0L));
        empty.progress(OUT0, 0);
        assertTrue(empty.done());
    }

    @Test
    void outcomesStartAtTheWindowAgeButNoMoreThanMaxEntriesBeforeTheEnd() {
        assertEquals(900, StartOffsets.outcomes(1000, new OffsetAndTimestamp(900, 0L), 500),
                "the age is the nearer bound");
        assertEquals(500, StartOffsets.outcomes(1000, new OffsetAndTimestamp(10, 0L), 500),
                "the count is the nearer bound");
        assertEquals(1000, StartOffsets.outcomes(1000, null, 500), "nothing that recent: from the end");
        assertEquals(70, StartOffsets.reports(100, new OffsetAndTimestamp(70, 0L)));
        assertEquals(100, StartOffsets.reports(100, null));
    }
}
