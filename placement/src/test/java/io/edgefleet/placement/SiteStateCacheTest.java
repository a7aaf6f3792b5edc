package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.BootstrapState;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.metrics.FleetMetrics;
import io.edgefleet.placement.store.ClusterStore;
import io.edgefleet.placement.store.LiveCluster;
import io.edgefleet.placement.store.SiteSnapshot;
import io.edgefleet.placement.store.SiteStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The site states placement keeps between batches: after creates, scales, deletes, network
 * functions and a cluster ended by its agent's report, every state it holds at the site row's current counters equals what the database
 * holds, batches after the first used it, and a host change made by a report is seen at once.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class SiteStateCacheTest extends FlowTest {
    private static final List<String> SITES = List.of("cache-1", "cache-2");

    @Inject
    SiteStore sites;

    @Inject
    ClusterStore clusters;

    @Inject
    MeterRegistry registry;

    @Test
    void theKeptStateOfEverySiteEqualsTheDatabaseAfterEveryKindOfChange() throws Exception {
        for (String site : SITES) {
            flow.send(TestFleet.heartbeat(site, 8));
            flow.awaitSiteKnown(site);
        }
        long hitsBefore = sites.cache().hits();
        List<CloudEvent<EventPayload>> creates = new ArrayList<>();
        for (String site : SITES) {
            for (int i = 0; i < 4; i++) {
                creates.add(flow.send(TestFleet.cluster(site + "-c" + i, site, i % 2 == 0 ? 1 : 3)));
            }
        }
        creates.forEach(this::accepted);
        for (String site : SITES) {
            accepted(flow.send(new ClusterScaleRequested(site + "-c1", "team-a", site, 3)));
            accepted(flow.send(TestFleet.upf(site + "-upf", site, site + "-c2", 2, 4)));
            accepted(flow.send(new ClusterDeleteRequested(site + "-c0", "team-a", site, "done")));
        }
        // A cluster ended by a report (not a request), then a request on the same site after it:
        // the kept live clusters must have lost it although no request batch ended it.
        for (String site : SITES) {
            flow.send(new ClusterBootstrapReported(site, site + "-c3", BootstrapState.FAILED, null, 0,
                    "etcd never became healthy", 1, Instant.now()));
            flow.awaitPlan(site, p -> p.clusters().stream().noneMatch(c -> c.clusterId().equals(site + "-c3")));
            accepted(flow.send(TestFleet.cluster(site + "-c4", site, 1)));
        }

        assertTrue(sites.cache().hits() > hitsBefore, "the batches after the first used the kept states");
        for (String site : SITES) {
            SiteSnapshot kept = sites.cache().peek(site).orElseThrow(() -> new AssertionError("no state kept for " + site));
            SiteSnapshot stored = fromDatabase(site);
            assertEquals(stored.planVersion(), kept.planVersion(), "kept at the current plan version: " + site);
            assertEquals(stored.hostsVersion(), kept.hostsVersion(), "kept at the current hosts version: " + site);
            assertEquals(stored.site(), kept.site(), "hosts of " + site);
            assertEquals(byHolder(stored.allocations()), byHolder(kept.allocations()), "allocations of " + site);
            assertEquals(stored.details(), kept.details(), "allocation details of " + site);
            assertEquals(stored.generations(), kept.generations(), "host generations of " + site);
            assertEquals(liveClustersInDatabase(site), kept.liveClusters(), "live clusters of " + site);
            SitePlan plan = flow.awaitPlan(site, p -> p.version() == kept.planVersion());
            assertEquals(List.of(site + "-c1", site + "-c2", site + "-c4"),
                    plan.clusters().stream().map(PlannedCluster::clusterId).toList(), "clusters in the plan of " + site);
        }
    }

    @Test
    void aHostCordonedByItsAgentGetsNothingNewEvenRightAfterTheSiteWasKept() throws Exception {
        String site = "cache-cordon";
        flow.send(TestFleet.heartbeat(site, 4));
        flow.awaitSiteKnown(site);
        accepted(flow.send(TestFleet.cluster("cordon-c0", site, 1)));
        assertTrue(sites.cache().peek(site).isPresent(), "the site's state is kept after the first batch");

        // Every host but h4 cordoned: the report changes host rows, not the plan version.
        flow.send(TestFleet.heartbeat(site, 4, 3600, i -> i == 4 ? HostState.READY : HostState.CORDONED, i -> true));
        awaitHostsVersionAbove(site, sites.cache().peek(site).orElseThrow().hostsVersion());
        double conflictsBefore = requestConflicts();
        for (int i = 1; i <= 3; i++) {
            String clusterId = "cordon-c" + i;
            accepted(flow.send(TestFleet.cluster(clusterId, site, 1)));
            SitePlan plan = flow.awaitPlan(site, p -> p.clusters().stream().anyMatch(c -> c.clusterId().equals(clusterId)));
            List<String> hosts = plan.microVms().stream().filter(vm -> vm.clusterId().equals(clusterId))
                    .map(PlannedMicroVm::hostId).distinct().toList();
            assertEquals(List.of("h4"), hosts, "only the READY host takes new microVMs: " + plan);
        }
        // Decided on the hosts as they are, not on a kept state that the host-generation check had
        // to catch (it would have: the cordoning bumped their generations; but at a retry's cost).
        assertEquals(conflictsBefore, requestConflicts(), "request batches rolled back for a concurrent change");
    }

    private double requestConflicts() {
        Counter c = registry.find(FleetMetrics.BATCH_RETRIES).tag(FleetMetrics.TAG_CONSUMER, "requests")
                .tag(FleetMetrics.TAG_CAUSE, "concurrent_allocation").counter();
        return c == null ? 0 : c.count();
    }

    private void accepted(CloudEvent<EventPayload> request) {
        JsonNode outcome = flow.awaitOutcome(request.requestId());
        assertEquals(EventType.REQUEST_ACCEPTED.ceType(), outcome.get("type").asText(), outcome.toString());
    }

    private SiteSnapshot fromDatabase(String site) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return sites.readFromDatabase(c, Map.of(site, versions(c, site))).get(site);
        }
    }

    private List<LiveCluster> liveClustersInDatabase(String site) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return clusters.liveOnSites(c, List.of(site)).get(site);
        }
    }

    private void awaitHostsVersionAbove(String site, long version) throws Exception {
        long deadline = System.nanoTime() + Flow.WAIT.toNanos();
        try (Connection c = dataSource.getConnection()) {
            while (versions(c, site).hosts() <= version) {
                assertTrue(System.nanoTime() < deadline, "the cordoning heartbeat never reached the host rows");
                Thread.sleep(100);
            }
        }
    }

    private static SiteStore.Versions versions(Connection c, String site) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select plan_version, hosts_version from site where site_id = ?")) {
            ps.setString(1, site);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "site row of " + site);
                return new SiteStore.Versions(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    private static List<Allocation> byHolder(List<Allocation> allocations) {
        return allocations.stream().sorted(Comparator.comparing(Allocation::holderId)).toList();
    }
}
