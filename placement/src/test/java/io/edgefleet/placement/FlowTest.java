package io.edgefleet.placement;

import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A service test that talks to placement over the real broker (a fresh {@link Flow} per test) and
 * looks at what it wrote in the real database.
 */
abstract class FlowTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    DataSource dataSource;

    Flow flow;

    @BeforeEach
    void connect() {
        flow = new Flow(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        flow.close();
    }

    /** A condition polled until it holds. */
    interface Check {
        boolean ok() throws Exception;
    }

    /** Polls {@code check} until it holds, for at most {@link Flow#WAIT}. */
    static void awaitTrue(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + Flow.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within " + Flow.WAIT + ": " + what);
    }

    /** Heartbeats applied so far with this {@code write} label, from the service's own metrics. */
    static double heartbeatsMetric(String write) {
        String body = io.restassured.RestAssured.get("/q/metrics").asString();
        return body.lines().filter(l -> l.startsWith("fleet_placement_heartbeats_total{") && l.contains("write=\"" + write + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    Map<String, String> states(String siteId) throws SQLException {
        return hostColumn(siteId, "state");
    }

    /** Each host row's version (xmin): it changes whenever the row is written. */
    Map<String, String> rowVersions(String siteId) throws SQLException {
        return hostColumn(siteId, "xmin::text");
    }

    /** The site row's last heartbeat time; the epoch before the first one. */
    Instant lastHeartbeat(String siteId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select last_heartbeat_at from site where site_id = ?")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp t = rs.getTimestamp(1);
                return t == null ? Instant.EPOCH : t.toInstant();
            }
        }
    }

    private Map<String, String> hostColumn(String siteId, String column) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select host_id, " + column + " from host where site_id = ?")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }
}
