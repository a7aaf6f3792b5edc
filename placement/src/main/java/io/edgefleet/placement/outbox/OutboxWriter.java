package io.edgefleet.placement.outbox;

import io.edgefleet.events.EncodedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends events to the outbox inside the caller's transaction: they are published if and only if
 * the state change that caused them commits. Returns the rows with their ids, so that once the
 * transaction committed the relay can publish them from memory ({@link OutboxRelay#handOver}).
 */
@ApplicationScoped
public class OutboxWriter {
    public List<OutboxEntry> append(Connection tx, List<EncodedEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return List.of();
        }
        long[] ids = nextIds(tx, events.size());
        List<OutboxEntry> written = new ArrayList<>(events.size());
        try (PreparedStatement insert = tx.prepareStatement("insert into outbox (id, topic, record_key, header_names,"
                + " header_values, payload) values (?, ?, ?, ?, ?, ?)")) {
            for (int e = 0; e < events.size(); e++) {
                EncodedEvent event = events.get(e);
                String[] names = new String[event.headers().size()];
                String[] values = new String[names.length];
                int i = 0;
                for (Map.Entry<String, String> h : event.headers().entrySet()) {
                    names[i] = h.getKey();
                    values[i++] = h.getValue();
                }
                insert.setLong(1, ids[e]);
                insert.setString(2, event.topic());
                insert.setBytes(3, event.key() == null ? null : event.key().getBytes(StandardCharsets.UTF_8));
                insert.setArray(4, tx.createArrayOf("text", names));
                insert.setArray(5, tx.createArrayOf("text", values));
                insert.setBytes(6, event.value());
                insert.addBatch();
                written.add(new OutboxEntry(ids[e], event));
            }
            insert.executeBatch();
        }
        return written;
    }

    /**
     * Takes ids from the table's own sequence, in order, with one statement: a batched insert
     * rewritten into one multi-row statement cannot return generated keys.
     */
    private static long[] nextIds(Connection tx, int count) throws SQLException {
        long[] ids = new long[count];
        try (PreparedStatement ps = tx.prepareStatement(
                "select nextval('outbox_id_seq') from generate_series(1, ?)")) {
            ps.setInt(1, count);
            try (ResultSet rs = ps.executeQuery()) {
                int i = 0;
                while (rs.next()) {
                    ids[i++] = rs.getLong(1);
                }
                if (i != count) {
                    throw new SQLException("the outbox sequence gave " + i + " ids for " + count + " rows");
                }
            }
        }
        return ids;
    }
}
