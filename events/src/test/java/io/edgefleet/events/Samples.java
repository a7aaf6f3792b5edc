package io.edgefleet.events;

import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.outcome.NetworkFunctionStatus;
import io.edgefleet.events.outcome.NetworkFunctionStatusChanged;
import io.edgefleet.events.outcome.NodePlacement;
import io.edgefleet.events.outcome.ReplicaPlacement;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.outcome.RequestRejected;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.plan.SiteNetwork;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.BootstrapState;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.events.report.HostInventory;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.HostStateChanged;
import io.edgefleet.events.report.NetworkFunctionReported;
import io.edgefleet.events.report.NetworkFunctionState;
import io.edgefleet.events.secret.ClusterSecretsSealed;
import io.edgefleet.events.secret.SealedKey;
import io.edgefleet.events.secret.SealedSecrets;
import io.edgefleet.events.report.MicroVmState;
import io.edgefleet.events.report.MicroVmStateChanged;
import io.edgefleet.events.report.NumaInventory;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.request.ControlPlane;
import io.edgefleet.events.request.NetworkFunctionDeleteRequested;
import io.edgefleet.events.request.NetworkFunctionKind;
import io.edgefleet.events.request.NetworkFunctionRequested;
import io.edgefleet.events.request.SiteEnrollRequested;
import io.edgefleet.events.request.ClusterUpgradeRequested;
import io.edgefleet.events.request.ConsolidationAction;
import io.edgefleet.events.request.SiteConsolidateRequested;
import io.edgefleet.events.request.TeamQuotaSet;
import io.edgefleet.events.outcome.ConsolidationMove;
import io.edgefleet.events.outcome.ConsolidationState;
import io.edgefleet.events.outcome.SiteConsolidationChanged;
import io.edgefleet.events.outcome.TeamQuotaChanged;
import io.edgefleet.events.request.Workers;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One fully populated, valid payload per event type, built in Java (the examples/ files are the JSON twins). */
final class Samples {

    static final Instant T = Instant.parse("2025-06-01T12:00:00Z");

    private Samples() {
    }

    static EventPayload of(EventType type) {
        return switch (type) {
            case CLUSTER_REQUESTED -> clusterRequested();
            case CLUSTER_SCALE_REQUESTED -> new ClusterScaleRequested("ci-4711", "ran-core", "edge-par-01", 3, 5);
            case CLUSTER_DELETE_REQUESTED -> new ClusterDeleteRequested("ci-4711", "ran-core", "edge-par-01", "pipeline done");
            case NETWORK_FUNCTION_REQUESTED -> new NetworkFunctionRequested("upf-1", "ran-core", "edge-par-01", "ci-4711",
                    NetworkFunctionKind.UPF, 2, 8, 16, 8192, Map.of("physnet-a", 2));
            case NETWORK_FUNCTION_DELETE_REQUESTED ->
                    new NetworkFunctionDeleteRequested("upf-1", "ran-core", "edge-par-01", "ci-4711", null);
            case SITE_ENROLL_REQUESTED -> new SiteEnrollRequested("edge-par-01", "-----BEGIN PUBLIC KEY-----\n"
                    + "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n", "ops-alice");
            case REQUEST_ACCEPTED -> new RequestAccepted("/ops/ci#1", "edge-par-01", RequestKind.CLUSTER_CREATE, "ci-4711", T);
            case REQUEST_REJECTED -> new RequestRejected("/ops/ci#2", "edge-par-01", RequestKind.CLUSTER_CREATE, "ci-4712",
                    "INSUFFICIENT_CAPACITY", "no host has 64 GiB free", List.of("$.controlPlane.memoryMib"), T);
            case CLUSTER_STATUS_CHANGED -> new ClusterStatusChanged("ci-4711", "ran-core", "edge-par-01", ClusterStatus.READY,
                    "bootstrapped", List.of(new NodePlacement("ci-4711-cp-0", MicroVmRole.CONTROL_PLANE, "host-a"),
                    new NodePlacement(null, MicroVmRole.WORKER, "host-b")), "https://10.0.0.5:6443", T);
            case NETWORK_FUNCTION_STATUS_CHANGED -> new NetworkFunctionStatusChanged("upf-1", "ci-4711", "ran-core",
                    "edge-par-01", NetworkFunctionStatus.RUNNING, null, List.of(new ReplicaPlacement(0, "host-a", 1)), T);
            case SITE_PLAN -> sitePlan();
            case AGENT_HEARTBEAT -> new AgentHeartbeat("edge-par-01", "0.1.0", T, 10, List.of(new HostInventory("host-a",
                    "rack-1", HostState.READY, List.of("microvm", "sriov:physnet-a"),
                    List.of(new NumaInventory(0, 32, 262144, 32, Map.of("physnet-a", 8)),
                            new NumaInventory(1, 32, 262144, 32, Map.of())), 2, 8192, 4.0, 1800L)),
                    "sha256:" + "ab".repeat(32), "host-a", network());
            case MICROVM_STATE_CHANGED -> new MicroVmStateChanged("edge-par-01", "host-a", "ci-4711-cp-0", "ci-4711",
                    MicroVmState.RUNNING, null, 7, T);
            case CLUSTER_BOOTSTRAP_REPORTED -> new ClusterBootstrapReported("edge-par-01", "ci-4711", BootstrapState.READY,
                    "https://10.0.0.5:6443", 4, null, 7, T);
            case HOST_STATE_CHANGED -> new HostStateChanged("edge-par-01", "host-b", HostState.DOWN, "no heartbeat from BMC", T);
            case NETWORK_FUNCTION_REPORTED -> new NetworkFunctionReported("edge-par-01", "upf-par-1", "ci-4711",
                    NetworkFunctionState.RUNNING, 2, 2, null, 42, T);
            case CLUSTER_SECRETS_SEALED -> new ClusterSecretsSealed("ci-4711", "ran-core", "edge-par-01", 1,
                    new SealedSecrets(SealedSecrets.SCHEME, "AAAAAAAAAAAAAAAA", "c2VhbGVkIGNvbnRlbnQgZ29lcyBoZXJl",
                            List.of(new SealedKey("host:edge-par-01/host-b", "A".repeat(43) + "=", "B".repeat(64)))), T);
            case CLUSTER_UPGRADE_REQUESTED -> new ClusterUpgradeRequested("ci-4711", "ran-core", "edge-par-01", "1.32");
            case SITE_CONSOLIDATE_REQUESTED -> new SiteConsolidateRequested("edge-par-03", ConsolidationAction.APPLY,
                    "/ops/alice#1", 20);
            case TEAM_QUOTA_SET -> new TeamQuotaSet("ran-core", 256L, 524288L, 64L, 40);
            case SITE_CONSOLIDATION_CHANGED -> new SiteConsolidationChanged("edge-par-03", "/ops/alice#2",
                    ConsolidationState.APPLYING, List.of(new ConsolidationMove("ci-4711-cp-2", "ci-4711", "host-d", "host-a",
                    true)), List.of("host-d"), List.of(), 4, 3, null, T);
            case TEAM_QUOTA_CHANGED -> new TeamQuotaChanged("ran-core", 256L, 524288L, null, 40, "/ops/alice#q1", T);
        };
    }

    static ClusterRequested clusterRequested() {
        return new ClusterRequested("ci-4711", "ran-core", "edge-par-01", "1.31",
                new ControlPlane(3, 2, 4096, 20), Workers.microVm(2, 4, 8192, 40), 86400L, Map.of("ci.pipeline", "4711"));
    }

    static SitePlan sitePlan() {
        return new SitePlan("edge-par-01", 7, T,
                List.of(new PlannedMicroVm("ci-4711-cp-0", "ci-4711", MicroVmRole.CONTROL_PLANE, "host-a", 2, 4096, 20, "1.31",
                        "10.42.0.17", "02:ef:0a:2a:00:11")),
                List.of(new PlannedCluster("ci-4711", "ran-core", "1.31", List.of("ci-4711-cp-0"), List.of(), List.of("host-b"))),
                List.of(new PlannedNetworkFunction("upf-1", "ci-4711", NetworkFunctionKind.UPF,
                        List.of(new PlannedNfReplica(0, "host-a", 1, List.of(16, 17, 18, 19), 16, 8192, Map.of("physnet-a", 2))))),
                "host-a", network());
    }

    static SiteNetwork network() {
        return new SiteNetwork("10.42.0.0/24", "10.42.0.1", "10.42.0.10", "10.42.0.250", "br-mgmt", 42, 1500);
    }
}
