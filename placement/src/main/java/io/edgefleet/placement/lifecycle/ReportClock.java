package io.edgefleet.placement.lifecycle;

import io.edgefleet.events.Topics;
import io.edgefleet.placement.kafka.KafkaAdmin;
import io.edgefleet.placement.metrics.PlacementMetrics;
import io.edgefleet.placement.store.Liveness;
import io.edgefleet.placement.store.ReportClockStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The report clock of each partition of {@code fleet.site-reports.v1} at the moment of a sweep
 * (ADR 0011): the present when placement has applied everything the broker held when asked (the
 * partition's end offset), otherwise the timestamp of the newest record applied. Reads what the
 * report consumers of every replica committed ({@link ReportClockStore}) and asks the broker for
 * the end offsets, so any replica's sweep judges every partition, whoever consumes it. When the
 * broker does not answer, nothing counts as caught up: a broker outage silences every agent, and
 * that is not their hosts' fault.
 */
@ApplicationScoped
public class ReportClock {
    private static final Logger LOG = Logger.getLogger(ReportClock.class);

    @Inject
    ReportClockStore store;
    @Inject
    PlacementMetrics metrics;

    @Inject
    KafkaAdmin admin;

    /** The clocks now; {@code c} reads the applied positions. */
    public Liveness.Clocks now(Connection c) throws SQLException {
        // Taken before the end offsets are asked: a partition applied up to them was applied up to this.
        Instant now = Instant.now();
        List<ReportClockStore.Position> applied = store.read(c, Topics.SITE_REPORTS);
        Map<Integer, Long> ends = endOffsets(applied);
        Map<Integer, Instant> clocks = new HashMap<>();
        Instant oldest = now;
        for (ReportClockStore.Position p : applied) {
            Long end = ends.get(p.partition());
            Instant clock = end != null && p.offset() + 1 >= end ? now : (p.at().isAfter(now) ? now : p.at());
            clocks.put(p.partition(), clock);
            if (clock.isBefore(oldest)) {
                oldest = clock;
            }
        }
        metrics.reportClockLag(Duration.between(oldest, now).toMillis() / 1000.0);
        // Sites without a known partition (rows from before V5) wait for the partition furthest behind.
        return new Liveness.Clocks(clocks, oldest);
    }

    /** The end offset of each partition, or an empty map when the broker does not answer in time. */
    private Map<Integer, Long> endOffsets(List<ReportClockStore.Position> applied) {
        Map<Integer, Long> out = new HashMap<>();
        if (applied.isEmpty()) {
            return out;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (ReportClockStore.Position p : applied) {
            request.put(new TopicPartition(Topics.SITE_REPORTS, p.partition()), OffsetSpec.latest());
        }
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.get().listOffsets(request).all().get(3, TimeUnit.SECONDS);
            ends.forEach((tp, info) -> out.put(tp.partition(), info.offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf("end offsets of %s not read; no partition counts as caught up: %s", Topics.SITE_REPORTS, e.toString());
        }
        return out;
    }
}
