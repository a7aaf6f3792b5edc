package io.edgefleet.placement.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * How far placement has applied each partition of the report topic (table {@code report_clock}):
 * written by the report consumer in the transaction of each batch, read by every replica's
 * lifecycle sweep to judge silence (ADR 0011).
 */
@ApplicationScoped
public class ReportClockStore {

    /**
     * The newest record of a partition that a batch handled (applied, dead-lettered or dropped).
     *
     * @param at its Kafka timestamp, never later than when it was handled
     */
    public record Position(String topic, int partition, long offset, Instant at) {
    }

    /** Moves each partition's position forward (never back: a redelivery after a rebalance is older). */
    public void advance(Connection tx, Collection<Position> positions) throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        List<Position> sorted = positions.stream()
                .sorted(Comparator.comparing(Position::topic).thenComparingInt(Position::partition)).toList();
        Object[] topics = new Object[sorted.size()];
        Object[] partitions = new Object[sorted.size()];
        Object[] offsets = new Object[sorted.size()];
        Object[] ats = new Object[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            topics[i] = sorted.get(i).topic();
            partitions[i] = sorted.get(i).partition();
            offsets[i] = sorted.get(i).offset();
            ats[i] = sorted.get(i).at().toString();
        }
        try (PreparedStatement ps = tx.prepareStatement("insert into report_clock (topic, partition, applied_offset,"
                + " applied_at) select u.topic, u.partition, u.applied_offset, u.applied_at::timestamptz"
                + " from unnest(?::text[], ?::int[], ?::bigint[], ?::text[]) as u(topic, partition, applied_offset, applied_at)"
                + " order by u.topic, u.partition"
                + " on conflict (topic, partition) do update set"
                + " applied_offset = greatest(report_clock.applied_offset, excluded.applied_offset),"
                + " applied_at = greatest(report_clock.applied_at, excluded.applied_at)")) {
            ps.setArray(1, tx.createArrayOf("text", topics));
            ps.setArray(2, tx.createArrayOf("int4", partitions));
            ps.setArray(3, tx.createArrayOf("int8", offsets));
            ps.setArray(4, tx.createArrayOf("text", ats));
            ps.executeUpdate();
        }
    }

    /** Every partition of {@code topic} placement has applied something of. */
    public List<Position> read(Connection c, String topic) throws SQLException {
        List<Position> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select partition, applied_offset, applied_at from report_clock"
                + " where topic = ? order by partition")) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Position(topic, rs.getInt(1), rs.getLong(2), rs.getTimestamp(3).toInstant()));
                }
            }
        }
        return out;
    }
}
