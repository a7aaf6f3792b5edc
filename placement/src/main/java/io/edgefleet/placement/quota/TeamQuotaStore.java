package io.edgefleet.placement.quota;

import io.edgefleet.placement.engine.TeamUsage;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code team_quota} table (V21) and the sums of what teams hold. Lock order: quota rows first,
 * in team order, before the site and host rows every writer locks next; only request batches take
 * them, and before any other lock.
 */
@ApplicationScoped
public class TeamQuotaStore {

    /** Locks the quota rows of these teams in team order and returns their limits (teams without a row: absent). */
    public Map<String, QuotaLimits> lock(Connection tx, Collection<String> teams) throws SQLException {
        Map<String, QuotaLimits> out = new HashMap<>();
        if (teams.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = tx.prepareStatement("select team, vcpu, memory_mib, pinned_cores, clusters"
                + " from team_quota where team = any (?) order by team for update")) {
            ps.setArray(1, tx.createArrayOf("text", teams.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), limits(rs));
                }
            }
        }
        return out;
    }

    /** A team's limits, without locking (the read side of the API). */
    public Optional<QuotaLimits> find(Connection tx, String team) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("select team, vcpu, memory_mib, pinned_cores, clusters"
                + " from team_quota where team = ?")) {
            ps.setString(1, team);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(limits(rs)) : Optional.empty();
            }
        }
    }

    /** Replaces the team's limits as a whole. */
    public void upsert(Connection tx, String team, QuotaLimits limits) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("insert into team_quota"
                + " (team, vcpu, memory_mib, pinned_cores, clusters, updated_at) values (?, ?, ?, ?, ?, now())"
                + " on conflict (team) do update set vcpu = excluded.vcpu, memory_mib = excluded.memory_mib,"
                + " pinned_cores = excluded.pinned_cores, clusters = excluded.clusters, updated_at = now()")) {
            ps.setString(1, team);
            ps.setObject(2, limits.vcpu(), Types.BIGINT);
            ps.setObject(3, limits.memoryMib(), Types.BIGINT);
            ps.setObject(4, limits.pinnedCores(), Types.BIGINT);
            ps.setObject(5, limits.clusters(), Types.INTEGER);
            ps.executeUpdate();
        }
    }

    /**
     * What these teams hold across the fleet as committed: microVM vCPUs and memory, pinned cores and
     * hugepages of NF replicas, whole hosts of bare-metal workers, and live clusters. Counted as the
     * engine's {@link TeamUsage#plus(io.edgefleet.placement.engine.model.Allocation, int)} does.
     */
    public Map<String, TeamUsage> usage(Connection tx, Collection<String> teams) throws SQLException {
        Map<String, TeamUsage> out = new HashMap<>();
        if (teams.isEmpty()) {
            return out;
        }
        Object[] names = teams.toArray();
        try (PreparedStatement ps = tx.prepareStatement("select team,"
                + " coalesce(sum(vcpu) filter (where kind <> 'WORKER_BAREMETAL'), 0),"
                + " coalesce(sum(memory_mib) filter (where kind in ('CONTROL_PLANE', 'WORKER_VM')), 0),"
                + " coalesce(sum(pinned_cores) filter (where kind <> 'WORKER_BAREMETAL'), 0),"
                + " coalesce(sum(hugepages) filter (where kind <> 'WORKER_BAREMETAL'), 0),"
                + " count(*) filter (where kind = 'WORKER_BAREMETAL')"
                + " from allocation where team = any (?) group by team")) {
            ps.setArray(1, tx.createArrayOf("text", names));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new TeamUsage(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), 0));
                }
            }
        }
        try (PreparedStatement ps = tx.prepareStatement("select team, count(*) from cluster"
                + " where team = any (?) and status not in ('DELETED', 'FAILED') group by team")) {
            ps.setArray(1, tx.createArrayOf("text", names));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.merge(rs.getString(1), TeamUsage.NONE.plusClusters(rs.getLong(2)), TeamUsage::plus);
                }
            }
        }
        for (String team : teams) {
            out.putIfAbsent(team, TeamUsage.NONE);
        }
        return out;
    }

    private static QuotaLimits limits(ResultSet rs) throws SQLException {
        return new QuotaLimits(rs.getObject(2, Long.class), rs.getObject(3, Long.class), rs.getObject(4, Long.class),
                rs.getObject(5, Integer.class));
    }
}
