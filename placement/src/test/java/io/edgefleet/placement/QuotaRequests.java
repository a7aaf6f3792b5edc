package io.edgefleet.placement;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ControlPlane;
import io.edgefleet.events.request.TeamQuotaSet;
import io.edgefleet.events.request.WorkerKind;
import io.edgefleet.events.request.Workers;
import io.edgefleet.placement.intake.IncomingRecord;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Requests for the quota tests, as records a request batch decides directly (the way a replica's
 * consumer hands over a poll), and their outcomes as placement logged them.
 */
final class QuotaRequests {
    private static final AtomicLong OFFSET = new AtomicLong();

    /** One logged outcome: accepted, or rejected with a code and a message. */
    record Logged(boolean accepted, String code, String message) {
    }

    /** A decidable request and its request id. */
    record Sent(String requestId, IncomingRecord record) {
    }

    private QuotaRequests() {
    }

    static Sent record(EventPayload payload, int partition) {
        CloudEvent<EventPayload> event = CloudEvent.of("/quota-test", payload);
        EncodedEvent e = CloudEventCodec.encode(event);
        return new Sent(event.requestId(), new IncomingRecord(e.topic(), partition, OFFSET.incrementAndGet(),
                System.currentTimeMillis(), e.key(), e.headers(), e.value()));
    }

    static List<IncomingRecord> records(List<Sent> sent) {
        return sent.stream().map(Sent::record).toList();
    }

    /** A cluster of one 2-vCPU control plane and one 4-vCPU microVM worker: 6 vCPU, 12 GiB. */
    static ClusterRequested cluster(String clusterId, String team, String siteId) {
        return new ClusterRequested(clusterId, team, siteId, "1.31.2", new ControlPlane(1, 2, 4096, 20),
                new Workers(WorkerKind.MICROVM, 1, 4, 8192L, 40), null, Map.of());
    }

    static TeamQuotaSet quota(String team, Long vcpu, Long memoryMib, Long pinnedCores, Integer clusters) {
        return new TeamQuotaSet(team, vcpu, memoryMib, pinnedCores, clusters);
    }

    /** The outcome logged for each of these request ids (absent: none yet). */
    static Map<String, Logged> outcomes(DataSource db, Collection<String> requestIds) throws SQLException, IOException {
        Map<String, Logged> out = new HashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select request_id, outcome_type, outcome from request where request_id = any (?)")) {
            ps.setArray(1, c.createArrayOf("text", requestIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean accepted = EventType.REQUEST_ACCEPTED.ceType().equals(rs.getString(2));
                    JsonNode json = EventJson.mapper().readTree(rs.getString(3));
                    out.put(rs.getString(1), new Logged(accepted, json.path("code").asText(null),
                            json.path("message").asText(null)));
                }
            }
        }
        return out;
    }

    /** Sums over the team's allocations and live clusters, straight from the tables. */
    static long[] held(DataSource db, String team) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select coalesce(sum(vcpu), 0), coalesce(sum(pinned_cores), 0),"
                     + " (select count(*) from cluster where team = ? and status not in ('DELETED', 'FAILED'))"
                     + " from allocation where team = ?")) {
            ps.setString(1, team);
            ps.setString(2, team);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }
}
