package io.edgefleet.placement.outbox;

import io.edgefleet.events.EncodedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Appends events to the outbox inside the caller's transaction: they are published if and only if
 * the state change that caused them commits.
 */
@ApplicationScoped
public class OutboxWriter {
    public void append(Connection tx, List<EncodedEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = tx.prepareStatement(
                "insert into outbox (topic, record_key, header_names, header_values, payload) values (?, ?, ?, ?, ?)")) {
            for (EncodedEvent event : events) {
                insert.setString(1, event.topic());
                insert.setBytes(2, event.key() == null ? null : event.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                String[] names = event.headers().keySet().toArray(String[]::new);
                String[] values = new String[names.length];
                for (int i = 0; i < names.length; i++) {
                    values[i] = event.headers().get(names[i]);
                }
                insert.setArray(3, tx.createArrayOf("text", names));
                insert.setArray(4, tx.createArrayOf("text", values));
                insert.setBytes(5, event.value());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
