package io.edgefleet.placement.store;

import io.edgefleet.events.plan.Ipv4;
import io.edgefleet.events.plan.SiteNetwork;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The address plan (ADR 0020): which management address each live microVM of a site holds. An
 * address is taken when a microVM first appears in a plan of a site with a network, kept for the
 * microVM's life (also while it retires), and released when the microVM is neither allocated nor
 * retiring. The table's primary key (site, address) makes it impossible for two live microVMs to
 * hold one address, whichever replica writes: a second writer's insert fails and its batch rolls back.
 */
@ApplicationScoped
public class AddressStore {

    /** Releases the addresses of microVMs that are gone from these sites. */
    public void releaseGone(Connection tx, Collection<String> siteIds) throws SQLException {
        if (siteIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement("delete from microvm_address a where a.site_id = any (?)"
                + " and not exists (select 1 from allocation l where l.microvm_id = a.microvm_id)"
                + " and not exists (select 1 from retiring_microvm r where r.microvm_id = a.microvm_id)")) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            ps.executeUpdate();
        }
    }

    /** Every address held on these sites: site, then microVM id to address. */
    public Map<String, Map<String, Long>> held(Connection tx, Collection<String> siteIds) throws SQLException {
        Map<String, Map<String, Long>> out = new HashMap<>();
        if (siteIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = tx.prepareStatement("select site_id, microvm_id, ip_address from microvm_address"
                + " where site_id = any (?)")) {
            ps.setArray(1, tx.createArrayOf("text", siteIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        return out;
    }

    /**
     * Gives each of {@code microVmIds} the lowest address of the network's range that no live
     * microVM of the site holds and that is not the gateway; records them in {@code held}. A
     * microVM the range has no room for gets none (requests are refused before that, see
     * {@link #freeAddresses}). Returns how many got none.
     */
    public int assign(Connection tx, String siteId, SiteNetwork network, List<String> microVmIds, Map<String, Long> held)
            throws SQLException {
        if (microVmIds.isEmpty()) {
            return 0;
        }
        Set<Long> taken = new HashSet<>(held.values());
        long gateway = Ipv4.parse(network.gateway());
        long next = Ipv4.parse(network.firstAddress());
        long last = Ipv4.parse(network.lastAddress());
        int without = 0;
        try (PreparedStatement ps = tx.prepareStatement("insert into microvm_address (site_id, ip_address, microvm_id)"
                + " values (?, ?, ?)")) {
            for (String microVmId : microVmIds) {
                while (next <= last && (next == gateway || taken.contains(next))) {
                    next++;
                }
                if (next > last) {
                    without++;
                    continue;
                }
                ps.setString(1, siteId);
                ps.setLong(2, next);
                ps.setString(3, microVmId);
                ps.addBatch();
                taken.add(next);
                held.put(microVmId, next);
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
