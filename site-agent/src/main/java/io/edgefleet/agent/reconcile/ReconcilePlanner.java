package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.image.SiteImages;
import io.edgefleet.agent.cluster.ClusterNodes;
import io.edgefleet.agent.cluster.ClusterState;
import io.edgefleet.agent.cluster.NfNetworks;
import io.edgefleet.agent.cluster.NfPods;
import io.edgefleet.agent.cluster.NodeRoles;
import io.edgefleet.agent.cluster.NodeState;
import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.nodeconfig.NodeConfigurator;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Desired (a plan) against actual (what the driver and the clusters measured) gives the steps, as
 * a pure function. The chain, in order: create and boot missing microVMs; for each cluster whose
 * API server answers, let workers join, label and taint nodes, make the network functions' namespace
 * and network attachments, place and remove network-function pods ({@link NfSteps}); last, stop and
 * delete microVMs the plan no longer has (a replacement boots before what it replaces goes away).
 */
public final class ReconcilePlanner {
    private final String kernelImage;
    private final String baseImagePattern;
    private final NfSteps nfSteps;

    private final Map<String, Integer> reservedCoresByHost;
    private final NodeBootstraps bootstraps;
    private final NodeConfigurator nodeConfigurator;

    /** A planner for hosts without a system reserve to keep microVMs off (tests, simulated sites). */
    public ReconcilePlanner(String kernelImage, String baseImagePattern, NfPods nfPods) {
        this(kernelImage, baseImagePattern, nfPods, Map.of());
    }

    /** @param reservedCoresByHost the system's reserved cores of each host (inventory), kept free of microVMs */
    public ReconcilePlanner(String kernelImage, String baseImagePattern, NfPods nfPods, Map<String, Integer> reservedCoresByHost) {
        this(kernelImage, baseImagePattern, nfPods, reservedCoresByHost, NodeBootstraps.NONE);
    }

    /** @param bootstraps what each microVM boots with to become a node (a cloud-init seed, or a wait for one) */
    public ReconcilePlanner(String kernelImage, String baseImagePattern, NfPods nfPods, Map<String, Integer> reservedCoresByHost,
                            NodeBootstraps bootstraps) {
        this(kernelImage, baseImagePattern, nfPods, new NfNetworks(nfPods, Map.of()), reservedCoresByHost, bootstraps);
    }

    /** @param nfNetworks the network attachments network-function pods need (each physnet's VLAN and addresses) */
    public ReconcilePlanner(String kernelImage, String baseImagePattern, NfPods nfPods, NfNetworks nfNetworks,
                            Map<String, Integer> reservedCoresByHost, NodeBootstraps bootstraps) {
        this(kernelImage, baseImagePattern, nfPods, nfNetworks, reservedCoresByHost, bootstraps, null);
    }

    /** @param nodeConfigurator this host agent's kubelet and device-plugin configuration, or null to leave them alone */
    public ReconcilePlanner(String kernelImage, String baseImagePattern, NfPods nfPods, NfNetworks nfNetworks,
                            Map<String, Integer> reservedCoresByHost, NodeBootstraps bootstraps,
                            NodeConfigurator nodeConfigurator) {
        this.nodeConfigurator = nodeConfigurator;
        this.kernelImage = kernelImage;
        this.baseImagePattern = baseImagePattern;
        this.nfSteps = new NfSteps(nfPods, nfNetworks);
        this.reservedCoresByHost = Map.copyOf(reservedCoresByHost);
        this.bootstraps = bootstraps;
    }

    /** Steps for the microVMs alone (clusters not measured). */
    public List<Step> steps(SitePlan desired, List<MicroVmStatus> actual) {
        return steps(desired, actual, Map.of());
    }

    /** The whole chain at once, from one measurement (cluster id → state, for clusters that were measured). */
    public List<Step> steps(SitePlan desired, List<MicroVmStatus> actual, Map<String, ClusterState> clusters) {
        List<Step> steps = new ArrayList<>(creates(desired, actual));
        steps.addAll(clusterSteps(desired, clusters));
        steps.addAll(removals(desired, actual));
        return steps;
    }

    /**
     * Before the first link: keep the microVM cores of every host with planned microVMs off the system
     * reserve and off the cores pinned to network functions there. Confining before creating means no
     * vCPU ever runs on a pinned core; after an NF change, the running microVMs are moved off in place.
     */
    public List<Step> confinements(SitePlan desired) {
        List<Step> steps = new ArrayList<>();
        for (String host : new TreeSet<>(desired.microVms().stream().map(PlannedMicroVm::hostId).toList())) {
            steps.add(new KeepMicroVmsOffCores(host, reservedCoresByHost.getOrDefault(host, 0),
                    HostReplicas.pinnedCores(desired, host)));
        }
        return steps;
    }

    /**
     * After the confinements: configure this host's kubelet and SR-IOV device plugin when the host is a node of
     * a planned cluster ({@link NodeHostSteps}), so the cores the microVMs just left are the kubelet's to pin.
     */
    public List<Step> nodeHostSteps(SitePlan desired) {
        return NodeHostSteps.of(desired, nodeConfigurator);
    }

    /** First link: create and boot every planned microVM that does not exist (in any state). */
    public List<Step> creates(SitePlan desired, List<MicroVmStatus> actual) {
        Set<String> existing = actual.stream().map(MicroVmStatus::microVmId).collect(Collectors.toSet());
        List<Step> steps = new ArrayList<>();
        for (PlannedMicroVm vm : desired.microVms()) {
            if (!existing.contains(vm.microVmId())) {
                NodeBootstraps.Bootstrap bootstrap = bootstraps.of(desired, vm);
                steps.add(bootstrap.waits() ? new AwaitBootstrap(vm.microVmId(), vm.hostId(), bootstrap.waitingFor())
                        : new CreateMicroVm(spec(desired, vm).withSeed(bootstrap.seed())));
            }
        }
        return steps;
    }

    /**
     * Second link: for each cluster whose API server answers, join workers, label nodes, make the network
     * functions' namespace and attachments, place and remove pods.
     */
    public List<Step> clusterSteps(SitePlan desired, Map<String, ClusterState> clusters) {
        List<Step> steps = new ArrayList<>();
        for (PlannedCluster cluster : desired.clusters()) {
            ClusterState state = clusters.get(cluster.clusterId());
            if (state != null && state.apiServerUp()) {
                steps.addAll(clusterSteps(desired, cluster, state));
            }
        }
        return steps;
    }

    /** Last link: stop, then delete, every microVM the plan no longer has. */
    public List<Step> removals(SitePlan desired, List<MicroVmStatus> actual) {
        Set<String> wanted = desired.microVms().stream().map(PlannedMicroVm::microVmId).collect(Collectors.toSet());
        List<Step> steps = new ArrayList<>();
        for (MicroVmStatus vm : actual) {
            // UNKNOWN may be running fine: never act on a microVM that could not be measured.
            if (!wanted.contains(vm.microVmId()) && vm.state() != MicroVmState.UNKNOWN) {
                steps.add(new StopMicroVm(vm.microVmId()));
                steps.add(new DeleteMicroVm(vm.microVmId()));
            }
        }
        return steps;
    }

    private List<Step> clusterSteps(SitePlan plan, PlannedCluster cluster, ClusterState state) {
        List<Step> steps = new ArrayList<>();
        // Before anything joins: a newcomer at a newer version deploys what the configuration names (ADR 0030).
        io.edgefleet.agent.bootstrap.ControlPlaneVersion.during(plan, cluster)
                .ifPresent(v -> steps.add(new AlignKubeadmVersion(cluster, v)));
        steps.addAll(membershipSteps(plan, cluster, state));
        boolean workersMissing = ClusterNodes.joining(cluster).stream().anyMatch(w -> state.node(w).isEmpty());
        if (workersMissing && !state.joinTokenValid()) {
            steps.add(new JoinWorkers(cluster));
        }
        NodeRoles.of(plan, cluster).forEach((node, wanted) -> state.node(node)
                .filter(n -> !n.has(wanted.labels(), wanted.taints()))
                .ifPresent(n -> steps.add(new LabelNode(cluster, node, wanted.labels(), wanted.taints()))));
        steps.addAll(nfSteps.of(plan, cluster, state));
        return steps;
    }

    /**
     * The control plane's membership: etcd towards the planned replicas, and, once every planned control-plane
     * node is Ready, the NotReady node objects of replicas the plan no longer has are deleted.
     */
    private static List<Step> membershipSteps(SitePlan plan, PlannedCluster cluster, ClusterState state) {
        List<Step> steps = new ArrayList<>();
        if (state.etcd().measured() && !state.etcd().matches(cluster.controlPlaneMicroVmIds())) {
            steps.add(new ReconcileEtcdMembers(plan, cluster,
                    state.nodes().stream().map(NodeState::name).collect(Collectors.toSet())));
        } else if (state.etcd().measured()) {
            steps.add(new SnapshotEtcd(plan, cluster));
        }
        boolean controlPlaneReady = cluster.controlPlaneMicroVmIds().stream()
                .allMatch(id -> state.node(id).map(NodeState::ready).orElse(false));
        Set<String> planned = new HashSet<>(cluster.controlPlaneMicroVmIds());
        planned.addAll(ClusterNodes.joining(cluster));
        if (controlPlaneReady) {
            state.nodes().stream().filter(n -> !planned.contains(n.name()) && !n.ready())
                    .forEach(n -> steps.add(new RemoveStaleNode(cluster, n.name())));
        }
        return steps;
    }

    /**
     * The microVM to boot. The kernel command line tells the node image its part in the cluster's
     * bootstrap: the init replica the plan names initialises it (kubeadm init) once for the cluster's life;
     * every other control plane, a replacement of the init replica included, and the workers join.
     */
    MicroVmSpec spec(SitePlan plan, PlannedMicroVm vm) {
        String role = plan.clusters().stream().filter(c -> c.clusterId().equals(vm.clusterId())).findFirst()
                .map(c -> vm.microVmId().equals(initReplica(c)) ? "init"
                        : c.controlPlaneMicroVmIds().contains(vm.microVmId()) ? "control-plane" : "worker")
                .orElse(vm.role().name().equals("CONTROL_PLANE") ? "control-plane" : "worker");
        String args = "console=ttyS0 reboot=k panic=1 pci=off edgefleet.site=" + plan.siteId() + " edgefleet.cluster="
                + vm.clusterId() + " edgefleet.role=" + role + " edgefleet.id=" + vm.microVmId()
                + GuestNetwork.kernelArgs(plan.network(), vm);
        return new MicroVmSpec(vm.microVmId(), vm.clusterId(), vm.hostId(), vm.vcpu(), (int) vm.memoryMib(),
                vm.diskGib(), kernelImage, SiteImages.baseImage(vm, baseImagePattern), args, // by digest: ADR 0034
                GuestNetwork.nics(plan.network(), vm));
    }

    /**
     * The replica that runs kubeadm init: the one the plan names; a plan from before the init replica was
     * planned names none, and then the first control-plane microVM does, as it always did.
     */
    public static String initReplica(PlannedCluster cluster) {
        if (cluster.initMicroVmId() != null) {
            return cluster.initMicroVmId();
        }
        return cluster.controlPlaneMicroVmIds().isEmpty() ? null : cluster.controlPlaneMicroVmIds().get(0);
    }
}
