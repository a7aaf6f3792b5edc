package io.edgefleet.placement;

import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostInventory;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.NumaInventory;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ControlPlane;
import io.edgefleet.events.request.NetworkFunctionKind;
import io.edgefleet.events.request.NetworkFunctionRequested;
import io.edgefleet.events.request.WorkerKind;
import io.edgefleet.events.request.Workers;
import io.edgefleet.placement.store.HeartbeatStore;
import io.edgefleet.placement.store.ReceivedHeartbeat;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Small hand-built sites and requests for the service tests. */
final class TestFleet {
    private TestFleet() {
    }

    /**
     * A heartbeat of a site with {@code hosts} READY hosts (2 NUMA nodes of 16 cores, 64 GiB, 8
     * hugepages), announcing a one-hour interval so that no test site goes DOWN by accident.
     */
    static AgentHeartbeat heartbeat(String siteId, int hosts) {
        return heartbeat(siteId, hosts, 3600, i -> HostState.READY, i -> true);
    }

    /** A heartbeat listing the hosts {@code listed} accepts, each in the state {@code state} gives. */
    static AgentHeartbeat heartbeat(String siteId, int hosts, int intervalSeconds, IntFunction<HostState> state,
                                    java.util.function.IntPredicate listed) {
        List<HostInventory> inventory = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) {
            if (!listed.test(i)) {
                continue;
            }
            List<NumaInventory> numa = List.of(
                    new NumaInventory(0, 16, 65536, 8, Map.of("physnet-a", 8)),
                    new NumaInventory(1, 16, 65536, 8, Map.of("physnet-b", 8)));
            inventory.add(new HostInventory("h" + i, "rack-" + (i % 2 + 1), state.apply(i),
                    List.of("microvm", "sriov:physnet-a", "sriov:physnet-b"), numa, 2, 4096, 4.0, 1800L));
        }
        return new AgentHeartbeat(siteId, "test", Instant.now().truncatedTo(ChronoUnit.MILLIS), intervalSeconds,
                inventory);
    }

    /**
     * Writes a heartbeat straight to the store, as the report consumer writes one whose inventory
     * changed: the site row (liveness and inventory hash) and the host rows, seen at {@code at}.
     */
    static void store(HeartbeatStore store, Connection tx, AgentHeartbeat heartbeat, int partition, Instant at)
            throws SQLException {
        boolean exists = store.lockSites(tx, List.of(heartbeat.siteId())).containsKey(heartbeat.siteId());
        HeartbeatStore.SiteBeat beat = new HeartbeatStore.SiteBeat(heartbeat.siteId(), heartbeat.agentVersion(),
                heartbeat.intervalSeconds(), at, partition, store.inventoryHash(heartbeat), at, false);
        store.recordLiveness(tx, exists ? List.of(beat) : List.of(), exists ? List.of() : List.of(beat));
        store.writeHosts(tx, new ReceivedHeartbeat(heartbeat, partition, at));
    }

    /** A heartbeat that repeats the stored inventory: the site row's liveness only. */
    static void storeLiveness(HeartbeatStore store, Connection tx, AgentHeartbeat heartbeat, int partition, Instant at)
            throws SQLException {
        store.lockSites(tx, List.of(heartbeat.siteId()));
        store.recordLiveness(tx, List.of(new HeartbeatStore.SiteBeat(heartbeat.siteId(), heartbeat.agentVersion(),
                heartbeat.intervalSeconds(), at, partition, null, null, false)), List.of());
    }

    static ClusterRequested cluster(String clusterId, String siteId, int controlPlanes) {
        return new ClusterRequested(clusterId, "team-a", siteId, "1.31.2",
                new ControlPlane(controlPlanes, 2, 4096, 20),
                new Workers(WorkerKind.MICROVM, 1, 4, 8192L, 40), null, Map.of());
    }

    static NetworkFunctionRequested upf(String nfId, String siteId, String clusterId, int replicas, int cores) {
        return new NetworkFunctionRequested(nfId, "team-a", siteId, clusterId, NetworkFunctionKind.UPF, replicas,
                cores, 2, 4096, Map.of("physnet-a", 2));
    }
}
