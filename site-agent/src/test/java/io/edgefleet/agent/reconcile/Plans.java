package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.driver.simulated.SimClock;
import io.edgefleet.agent.inventory.Host;
import io.edgefleet.agent.inventory.HostState;
import io.edgefleet.agent.inventory.NumaNode;
import io.edgefleet.agent.inventory.ReservedShare;
import io.edgefleet.agent.inventory.SiteInventory;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.request.NetworkFunctionKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Hand-built sites and plans for reconcile tests. */
public final class Plans {
    public static final String SITE = "site-t";

    private Plans() {
    }

    /** h1..h3 run microVMs (16 vCPUs, 32 GiB each); bm1 is a bare-metal worker with SR-IOV VFs. */
    public static SiteInventory inventory() {
        return new SiteInventory(SITE, "test", List.of(host("h1"), host("h2"), host("h3"),
                new Host("bm1", "rack-b", HostState.READY, Set.of("sriov:physnet-a"), 1.0, new ReservedShare(2, 4096),
                        100, List.of(new NumaNode(0, 16, 65536, 8, Map.of("physnet-a", 8))))));
    }

    private static Host host(String id) {
        return new Host(id, "rack-" + id, HostState.READY, Set.of("microvm"), 1.0, new ReservedShare(0, 0), 500,
                List.of(new NumaNode(0, 16, 32768, 0, Map.of())));
    }

    /** A cluster of {@code cps} control-plane microVMs spread over h1..h3, ids {@code <id>-cp-<i>}. */
    public static List<PlannedMicroVm> controlPlane(String clusterId, int cps) {
        List<PlannedMicroVm> vms = new ArrayList<>();
        for (int i = 0; i < cps; i++) {
            vms.add(new PlannedMicroVm(clusterId + "-cp-" + i, clusterId, MicroVmRole.CONTROL_PLANE, "h" + (i % 3 + 1),
                    2, 2048, 10, "1.31.2"));
        }
        return vms;
    }

    public static PlannedCluster cluster(String clusterId, List<PlannedMicroVm> cps, List<String> workerHosts) {
        return new PlannedCluster(clusterId, "team-a", "1.31.2", cps.stream().map(PlannedMicroVm::microVmId).toList(),
                List.of(), workerHosts);
    }

    /** A plan of clusters with {@code cps} control planes each and no workers. */
    public static SitePlan plan(long version, String... clusterIds) {
        List<PlannedMicroVm> vms = new ArrayList<>();
        List<PlannedCluster> clusters = new ArrayList<>();
        for (String id : clusterIds) {
            List<PlannedMicroVm> cps = controlPlane(id, 3);
            vms.addAll(cps);
            clusters.add(cluster(id, cps, List.of()));
        }
        return new SitePlan(SITE, version, Instant.parse("2026-01-01T00:00:00Z"), vms, clusters, List.of());
    }

    /** A UPF with one replica on bm1: 4 pinned cores, 2 hugepages, 2 VFs of physnet-a. */
    public static PlannedNetworkFunction upf(String nfId, String clusterId) {
        return new PlannedNetworkFunction(nfId, clusterId, NetworkFunctionKind.UPF, List.of(
                new PlannedNfReplica(0, "bm1", 0, List.of(4, 5, 6, 7), 2, 4096, Map.of("physnet-a", 2))));
    }

    /** Collects reports. */
    public static final class Sink implements io.edgefleet.agent.report.ReportSink {
        public final List<EventPayload> reports = new ArrayList<>();

        @Override
        public synchronized void report(EventPayload payload) {
            reports.add(payload);
        }

        public synchronized <T> List<T> of(Class<T> type) {
            return reports.stream().filter(type::isInstance).map(type::cast).toList();
        }

        public synchronized void clear() {
            reports.clear();
        }
    }

    /** A clock that only moves when told to; sleeping advances it. */
    public static final class TestClock implements SimClock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

        @Override
        public Instant now() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public void sleep(Duration duration) {
            advance(duration.toMillis());
        }

        public void advance(long ms) {
            millis.addAndGet(Math.max(0, ms));
        }
    }
}
