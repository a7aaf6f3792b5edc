package io.edgefleet.placement.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Gauges read from PostgreSQL, refreshed on a schedule (not at scrape time, so a slow database
 * never slows a scrape): hosts by state, utilisation per site and resource, heartbeat age per
 * site, outbox backlog and the bare-metal hosts mixed mode saves. Every replica reports the same fleet-wide values; a
 * dashboard takes {@code max} over replicas, never {@code sum}.
 */
@Startup
@ApplicationScoped
public class FleetGauges {
    private static final Logger LOG = Logger.getLogger(FleetGauges.class);
    private static final List<String> HOST_STATES = List.of("READY", "CORDONED", "DOWN");

    @Inject
    MeterRegistry registry;
    @Inject
    DataSource dataSource;

    private final Map<String, AtomicLong> hosts = new ConcurrentHashMap<>();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();
    private final AtomicLong saved = new AtomicLong();
    private GaugeRows utilisationValues;
    private GaugeRows heartbeatAgeValues;

    @PostConstruct
    void register() {
        for (String state : HOST_STATES) {
            AtomicLong value = hosts.computeIfAbsent(state, s -> new AtomicLong());
            Gauge.builder(FleetMetrics.HOSTS, value, AtomicLong::get).description(FleetMetrics.help(FleetMetrics.HOSTS))
                    .tag(FleetMetrics.TAG_STATE, state).register(registry);
        }
        Gauge.builder(FleetMetrics.OUTBOX_BACKLOG, backlog, AtomicLong::get)
                .description(FleetMetrics.help(FleetMetrics.OUTBOX_BACKLOG)).register(registry);
        Gauge.builder(FleetMetrics.OUTBOX_OLDEST, oldestMillis, v -> v.get() / 1000.0).baseUnit("seconds")
                .description(FleetMetrics.help(FleetMetrics.OUTBOX_OLDEST)).register(registry);
        Gauge.builder(FleetMetrics.HOSTS_SAVED, saved, AtomicLong::get)
                .description(FleetMetrics.help(FleetMetrics.HOSTS_SAVED)).register(registry);
        utilisationValues = new GaugeRows(MultiGauge.builder(FleetMetrics.UTILISATION)
                .description(FleetMetrics.help(FleetMetrics.UTILISATION)).register(registry));
        heartbeatAgeValues = new GaugeRows(MultiGauge.builder(FleetMetrics.HEARTBEAT_AGE).baseUnit("seconds")
                .description(FleetMetrics.help(FleetMetrics.HEARTBEAT_AGE)).register(registry));
    }

    @Scheduled(every = "${edgefleet.metrics.refresh:15s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try (Connection c = dataSource.getConnection()) {
            refreshHosts(c);
            refreshOutbox(c);
            refreshSaved(c);
            refreshUtilisation(c);
            refreshHeartbeatAge(c);
        } catch (SQLException e) {
            LOG.debugf("gauges not refreshed: %s", e.toString());
        }
    }

    private void refreshHosts(Connection c) throws SQLException {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select state, count(*) from host group by state");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        hosts.forEach((state, value) -> value.set(counts.getOrDefault(state, 0L)));
    }

    private void refreshOutbox(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*),"
                + " coalesce(extract(epoch from now() - min(created_at)) * 1000, 0)"
                + " from outbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            backlog.set(rs.getLong(1));
            oldestMillis.set(rs.getLong(2));
        }
    }

    /** Per site: control-plane microVMs (each would need its own server) minus the hosts they share. */
    private void refreshSaved(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select coalesce(sum(vms - hosts), 0) from ("
                + " select count(*) as vms, count(distinct host_id) as hosts from allocation"
                + " where kind = 'CONTROL_PLANE' group by site_id) per_site");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            saved.set(rs.getLong(1));
        }
    }

    private void refreshUtilisation(Connection c) throws SQLException {
        Map<Tags, Double> values = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(UTILISATION_SQL); ResultSet rs = ps.executeQuery()) {
            String[] resources = {"vcpu", "memory", "pinned_cores", "hugepages", "disk"};
            while (rs.next()) {
                String site = rs.getString(1);
                for (int i = 0; i < resources.length; i++) {
                    double capacity = rs.getDouble(2 + 2 * i);
                    double used = rs.getDouble(3 + 2 * i);
                    values.put(Tags.of(FleetMetrics.TAG_SITE, site, FleetMetrics.TAG_RESOURCE, resources[i]),
                            capacity <= 0 ? 0.0 : used / capacity);
                }
            }
        }
        utilisationValues.update(values);
    }

    /**
     * Seconds since each site's last heartbeat, by the database clock at refresh time (so the value
     * is at most one refresh interval stale; the heartbeat's own time is the agent's send time).
     */
    private void refreshHeartbeatAge(Connection c) throws SQLException {
        Map<Tags, Double> values = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select site_id,"
                + " greatest(0, extract(epoch from now() - last_heartbeat_at)) from site"
                + " where last_heartbeat_at is not null");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.put(Tags.of(FleetMetrics.TAG_SITE, rs.getString(1)), rs.getDouble(2));
            }
        }
        heartbeatAgeValues.update(values);
    }

    /** Capacity of READY and CORDONED hosts (after the system reserve) against what is allocated. */
    private static final String UTILISATION_SQL = """
            with cap as (
              select h.site_id,
                     sum((n.cores - h.reserved_cores) * h.cpu_allocation_ratio) as vcpu,
                     sum(n.mem - h.reserved_memory_mib) as memory,
                     sum(n.cores - h.reserved_cores) as pinned,
                     sum(n.huge) as huge,
                     sum(h.disk_gib) as disk
              from host h
              cross join lateral (select coalesce(sum((x->>'cores')::int), 0) as cores,
                                         coalesce(sum((x->>'memoryMib')::bigint), 0) as mem,
                                         coalesce(sum((x->>'hugepages1Gi')::int), 0) as huge
                                  from jsonb_array_elements(h.numa_nodes) x) n
              where h.state <> 'DOWN'
              group by h.site_id),
            used as (
              select site_id, sum(vcpu) as vcpu, sum(memory_mib) as memory, sum(pinned_cores) as pinned,
                     sum(hugepages) as huge, sum(disk_gib) as disk
              from allocation group by site_id)
            select cap.site_id, cap.vcpu, coalesce(used.vcpu, 0), cap.memory, coalesce(used.memory, 0),
                   cap.pinned, coalesce(used.pinned, 0), cap.huge, coalesce(used.huge, 0),
                   cap.disk, coalesce(used.disk, 0)
            from cap left join used on used.site_id = cap.site_id
            """;
}
