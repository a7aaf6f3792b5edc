package io.edgefleet.placement.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Silence, judged on the report clock (ADR 0011): a host is silent when no applied heartbeat
 * listed it for {@code factor} × its site's interval of its report partition's clock, the time
 * up to which placement has applied that partition. A backlog of reports holds the clock back,
 * so it never makes a healthy host look silent; a caught-up partition's clock is the present.
 *
 * <p>A host listed in its site's current inventory (its {@code last_seen_at} is at least the
 * site's {@code inventory_at}) is seen whenever the site is: heartbeats that repeat the inventory
 * update only the site row. A host with its own agent (ADR 0019, {@code host_agent}) is seen only
 * when that agent beats: the same silence rule, per host. Marking it DOWN drops the inventory its
 * row records, so its agent's next full beat writes it READY again.
 */
@ApplicationScoped
public class Liveness {

    /**
     * The report clock of each partition at the moment of a sweep.
     *
     * @param byPartition the clock of each report partition
     * @param otherwise   the clock of sites whose partition is not known (rows older than V5)
     */
    public record Clocks(Map<Integer, Instant> byPartition, Instant otherwise) {
        public Clocks {
            byPartition = Map.copyOf(byPartition);
        }

        /** Every partition applied up to {@code now}. */
        public static Clocks caughtUp(Instant now) {
            return new Clocks(Map.of(), now);
        }
    }

    /**
     * When a host was last seen: through its site's heartbeats while the current inventory lists it;
     * a host with its own agent (ADR 0019) only through that agent's beats.
     */
    private static final String SEEN = "case when not h.host_agent and h.last_seen_at >= s.inventory_at"
            + " then greatest(h.last_seen_at, s.last_heartbeat_at) else h.last_seen_at end";

    /** Host h of site s (joined with clock k) is silent; parameters: watching since, otherwise clock, factor. */
    private static final String SILENT = "h.state <> 'DOWN' and greatest(" + SEEN + ", ?::timestamptz)"
            + " < coalesce(k.at, ?::timestamptz) - make_interval(secs => ? * s.heartbeat_interval_s)";

    private static final String CLOCK = "(select u.partition, u.at::timestamptz as at"
            + " from unnest(?::int[], ?::text[]) as u(partition, at)) k on k.partition = s.report_partition";

    /**
     * Marks DOWN every silent host, counting silence only from {@code watchingSince} on (when this
     * service started watching: a restart never declares healthy sites dead before they had
     * {@code factor} intervals to report again). Locks the sites in id order (skipping a site
     * another transaction holds: the next sweep sees it), then their hosts in (site, host) order,
     * as every writer does; drops the marked sites' inventory hash, so each site's next heartbeat
     * writes its hosts (and brings a host that is back to READY). Bumps the generation: decisions
     * in flight that counted on the host roll back. Returns "site/host" of each host marked; the
     * caller commits.
     */
    public List<String[]> markSilentHostsDown(Connection tx, double factor, Instant watchingSince, Clocks clocks)
            throws SQLException {
        TreeSet<String> candidates = new TreeSet<>();
        try (PreparedStatement ps = tx.prepareStatement("select distinct h.site_id from host h"
                + " join site s on s.site_id = h.site_id left join " + CLOCK + " where " + SILENT)) {
            int i = bindClocks(tx, ps, 1, clocks);
            bindSilent(ps, i, factor, watchingSince, clocks);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getString(1));
                }
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<String> locked = new ArrayList<>();
        try (PreparedStatement ps = tx.prepareStatement("select site_id from site where site_id = any (?)"
                + " order by site_id for update skip locked")) {
            ps.setArray(1, tx.createArrayOf("text", candidates.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    locked.add(rs.getString(1));
                }
            }
        }
        if (locked.isEmpty()) {
            return List.of();
        }
        List<String[]> out = new ArrayList<>();
        // Judged again under the site locks: a heartbeat committed meanwhile counts.
        try (PreparedStatement ps = tx.prepareStatement("update host d set state = 'DOWN', generation = d.generation + 1,"
                + " agent_inventory_hash = null, agent_inventory_digest = null"
                + " from (select h.site_id, h.host_id from host h join site s on s.site_id = h.site_id"
                + " left join " + CLOCK + " where h.site_id = any (?) and " + SILENT
                + " order by h.site_id, h.host_id for update of h) l"
                + " where d.site_id = l.site_id and d.host_id = l.host_id returning d.site_id, d.host_id")) {
            int i = bindClocks(tx, ps, 1, clocks);
            ps.setArray(i++, tx.createArrayOf("text", locked.toArray()));
            bindSilent(ps, i, factor, watchingSince, clocks);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        if (!out.isEmpty()) {
            try (PreparedStatement ps = tx.prepareStatement("update site set inventory_hash = null, inventory_digest = null"
                    + " where site_id = any (?)")) {
                ps.setArray(1, tx.createArrayOf("text", out.stream().map(h -> h[0]).distinct().toArray()));
                ps.executeUpdate();
            }
        }
        return out;
    }

    private static int bindClocks(Connection tx, PreparedStatement ps, int i, Clocks clocks) throws SQLException {
        Object[] partitions = new Object[clocks.byPartition().size()];
        Object[] ats = new Object[partitions.length];
        int n = 0;
        for (Map.Entry<Integer, Instant> e : clocks.byPartition().entrySet()) {
            partitions[n] = e.getKey();
            ats[n++] = e.getValue().toString();
        }
        ps.setArray(i, tx.createArrayOf("int4", partitions));
        ps.setArray(i + 1, tx.createArrayOf("text", ats));
        return i + 2;
    }

    private static void bindSilent(PreparedStatement ps, int i, double factor, Instant watchingSince, Clocks clocks)
            throws SQLException {
        ps.setTimestamp(i, Timestamp.from(watchingSince));
        ps.setTimestamp(i + 1, Timestamp.from(clocks.otherwise()));
        ps.setDouble(i + 2, factor);
    }
}
