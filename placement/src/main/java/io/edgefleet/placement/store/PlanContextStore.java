package io.edgefleet.placement.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.plan.SiteNetwork;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a site's plan says beside its workloads: the host whose agent runs the site-level steps
 * (ADR 0019) and the site's management network (ADR 0020).
 */
@ApplicationScoped
public class PlanContextStore {

    /** The lowest-id READY host with its own agent; a DOWN host's agent is silent, so it is never chosen. */
    private static final String CHOICE = "(select min(h.host_id) from host h where h.site_id = s.site_id"
            + " and h.state = 'READY' and h.host_agent)";

    /**
     * A site's plan context.
     *
     * @param siteStepsHostId the host to run the site-level steps, or null (no host agent READY)
     * @param network         the site's latest network, or null
     */
    public record Context(String siteStepsHostId, SiteNetwork network) {
        static final Context NONE = new Context(null, null);
    }

    /** Keeps each site's latest network; writes only rows whose network differs (the caller holds the rows). */
    public void recordNetworks(Connection tx, Map<String, SiteNetwork> networks) throws SQLException {
        if (networks.isEmpty()) {
            return;
        }
        List<Object> ids = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Map.Entry<String, SiteNetwork> e : networks.entrySet()) {
            ids.add(e.getKey());
            values.add(json(e.getValue()));
        }
        try (PreparedStatement ps = tx.prepareStatement("update site s set network = u.network::jsonb"
                + " from unnest(?::text[], ?::text[]) as u(site_id, network)"
                + " where s.site_id = u.site_id and s.network is distinct from u.network::jsonb")) {
            ps.setArray(1, tx.createArrayOf("text", ids.toArray()));
            ps.setArray(2, tx.createArrayOf("text", values.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * The context of each site's next plan, and remembers the steps host chosen so the sweep knows
     * what the published plans say. The caller holds the site rows (it is writing their plans).
     */
    public Map<String, Context> forPlans(Connection tx, Collection<String> siteIds) throws SQLException {
        Map<String, Context> out = new HashMap<>();
        if (siteIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = tx.prepareStatement("update site s set site_steps_host_id = " + CHOICE
                + " where s.site_id = any (?) returning s.site_id, s.site_steps_host_id, s.network::text")) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String network = rs.getString(3);
                    out.put(rs.getString(1), new Context(rs.getString(2),
                            network == null ? null : EventJson.mapper().readValue(network, SiteNetwork.class)));
                }
            } catch (JsonProcessingException e) {
                throw new SQLException("unreadable site network", e);
            }
        }
        return out;
    }

    /** The context of a site without writing anything (for the site's address plan before placing). */
    public Context of(Connection tx, String siteId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("select network::text from site where site_id = ?")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return Context.NONE;
                }
                return new Context(null, EventJson.mapper().readValue(rs.getString(1), SiteNetwork.class));
            } catch (JsonProcessingException e) {
                throw new SQLException("unreadable site network", e);
            }
        }
    }

    /** Sites whose last plan names another steps host than the one to choose now (a host went DOWN or came back). */
    public List<String> stepsHostChanged(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select s.site_id from site s"
                + " where (s.site_steps_host_id is not null or exists (select 1 from host h where h.site_id = s.site_id"
                + " and h.host_agent)) and s.site_steps_host_id is distinct from " + CHOICE + " order by s.site_id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static String json(SiteNetwork network) {
        try {
            return EventJson.mapper().writeValueAsString(network);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a network is plain values and always serialises", e);
        }
    }
}
