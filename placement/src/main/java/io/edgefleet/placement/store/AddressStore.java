package io.edgefleet.placement.store;

import io.edgefleet.events.plan.Ipv4;
import io.edgefleet.events.plan.SiteNetwork;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The address plan (ADR 0020): which management address each live microVM of a site holds, and
 * which address each live cluster's API virtual IP (kube-vip) is. A microVM's address is taken when
 * it first appears in a plan of a site with a network, kept for its life (also while it retires),
 * and released when the microVM is neither allocated nor retiring. A cluster's VIP is taken when
 * the cluster first appears in such a plan and released when the cluster is deleted or fails.
 * Both live in one table whose primary key (site, address) makes it impossible for two holders,
 * microVM or VIP, to share an address, whichever replica writes: a second writer's insert fails and
 * its batch rolls back.
 */
@ApplicationScoped
public class AddressStore {

    /** What one site's rows hold: microVM id to address, and cluster id to its VIP. */
    public record Leases(Map<String, Long> microVms, Map<String, Long> vips) {
        public static Leases none() {
            return new Leases(new HashMap<>(), new HashMap<>());
        }
    }

    /** Releases the addresses of microVMs that are gone, and the VIPs of clusters that ended, on these sites. */
    public void releaseGone(Connection tx, Collection<String> siteIds) throws SQLException {
        if (siteIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement("delete from microvm_address a where a.site_id = any (?)"
                + " and ((a.microvm_id is not null"
                + " and not exists (select 1 from allocation l where l.microvm_id = a.microvm_id)"
                + " and not exists (select 1 from retiring_microvm r where r.microvm_id = a.microvm_id))"
                + " or (a.vip_cluster_id is not null and not exists (select 1 from cluster c"
                + " where c.cluster_id = a.vip_cluster_id and c.status not in ('DELETED', 'FAILED'))))")) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            ps.executeUpdate();
        }
    }

    /** Every address held on these sites, by site. */
    public Map<String, Leases> held(Connection tx, Collection<String> siteIds) throws SQLException {
        Map<String, Leases> out = new HashMap<>();
        if (siteIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = tx.prepareStatement("select site_id, microvm_id, vip_cluster_id, ip_address"
                + " from microvm_address where site_id = any (?)")) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Leases site = out.computeIfAbsent(rs.getString(1), k -> Leases.none());
                    String microVmId = rs.getString(2);
                    if (microVmId != null) {
                        site.microVms().put(microVmId, rs.getLong(4));
                    } else {
                        site.vips().put(rs.getString(3), rs.getLong(4));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Gives each of {@code microVmIds}, then each of {@code vipClusterIds}, the lowest address of the
     * network's range that nothing on the site holds and that is not the gateway, with one JDBC
     * batch; records them in {@code held}. One the range has no room for gets none (requests are
     * refused before that, see AddressBudget). Returns how many got none.
     */
    public int assign(Connection tx, String siteId, SiteNetwork network, List<String> microVmIds,
                      List<String> vipClusterIds, Leases held) throws SQLException {
        if (microVmIds.isEmpty() && vipClusterIds.isEmpty()) {
            return 0;
        }
        Set<Long> taken = new HashSet<>(held.microVms().values());
        taken.addAll(held.vips().values());
        long gateway = Ipv4.parse(network.gateway());
        long next = Ipv4.parse(network.firstAddress());
        long last = Ipv4.parse(network.lastAddress());
        int without = 0;
        try (PreparedStatement ps = tx.prepareStatement("insert into microvm_address"
                + " (site_id, ip_address, microvm_id, vip_cluster_id) values (?, ?, ?, ?)")) {
            List<String> holders = new ArrayList<>(microVmIds);
            holders.addAll(vipClusterIds);
            for (int i = 0; i < holders.size(); i++) {
                while (next <= last && (next == gateway || taken.contains(next))) {
                    next++;
                }
                if (next > last) {
                    without++;
                    continue;
                }
                boolean vip = i >= microVmIds.size();
                ps.setString(1, siteId);
                ps.setLong(2, next);
                ps.setString(3, vip ? null : holders.get(i));
                ps.setString(4, vip ? holders.get(i) : null);
                ps.addBatch();
                taken.add(next);
                (vip ? held.vips() : held.microVms()).put(holders.get(i), next);
                next++;
            }
            ps.executeBatch();
        }
        return without;
    }

    /** How many addresses of the network's range are free on the site now (the gateway never is). */
    public long freeAddresses(Connection tx, String siteId, SiteNetwork network) throws SQLException {
        long first = Ipv4.parse(network.firstAddress());
        long last = Ipv4.parse(network.lastAddress());
        long gateway = Ipv4.parse(network.gateway());
        long size = last - first + 1 - (gateway >= first && gateway <= last ? 1 : 0);
        try (PreparedStatement ps = tx.prepareStatement("select count(*) from microvm_address where site_id = ?"
                + " and ip_address between ? and ?")) {
            ps.setString(1, siteId);
            ps.setLong(2, first);
            ps.setLong(3, last);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Math.max(0, size - rs.getLong(1));
            }
        }
    }

    /** How many retiring microVMs the site has: each still holds its address until it is gone. */
    public long retiring(Connection tx, String siteId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("select count(*) from retiring_microvm where site_id = ?")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
