package io.edgefleet.placement.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    public void append(Connection tx, List<EncodedEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = tx.prepareStatement(
                "insert into outbox (topic, record_key, headers, payload) values (?, ?, ?, ?)")) {
            for (EncodedEvent event : events) {
                insert.setString(1, event.topic());
                insert.setBytes(2, event.key() == null ? null : event.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                insert.setString(3, headersJson(event));
                insert.setBytes(4, event.value());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String headersJson(EncodedEvent event) {
        try {
            return JSON.writeValueAsString(event.headers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers are plain strings and always serialise", e);
        }
    }
}
