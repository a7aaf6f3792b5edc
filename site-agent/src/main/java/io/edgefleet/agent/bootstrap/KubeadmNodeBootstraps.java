package io.edgefleet.agent.bootstrap;

import io.edgefleet.agent.reconcile.NodeBootstraps;
import io.edgefleet.agent.reconcile.ReconcilePlanner;
import io.edgefleet.events.plan.Ipv4;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.pki.CertificateAndKey;
import io.edgefleet.pki.Certificates;
import io.edgefleet.pki.ClusterSecrets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes every microVM of a cluster on a site network a kubeadm node: its seed is rendered from the plan (role,
 * addresses, the cluster's virtual IP) and the cluster's secrets. A microVM of a site without a network, or of
 * a cluster the plan gives no endpoint, boots plainly (there is nothing to reach its API server at); one whose
 * cluster's secrets have not arrived waits for them.
 *
 * <p>The init replica is the one the plan names, for the cluster's life: a replacement of it joins. Control-plane
 * nodes get the cluster's CAs, the service-account key pair and an API server certificate whose SANs hold the
 * virtual IP and every control-plane address of the plan (kubeadm keeps a valid certificate it finds);
 * workers get only the bootstrap token and the CA's hash to pin.
 */
public final class KubeadmNodeBootstraps implements NodeBootstraps {
    /** The API server certificate a control-plane node boots with; kubeadm renews it like its own. */
    static final Duration API_SERVER_CERT_VALIDITY = Duration.ofDays(365);
    /** The in-cluster address of the {@code kubernetes} service: first address of the default service subnet. */
    static final String KUBERNETES_SERVICE_IP = "10.96.0.1";

    private final Function<String, Optional<ClusterSecrets>> secrets;
    private final Clock clock;

    /** @param secrets the opened secrets of a cluster, by cluster id */
    public KubeadmNodeBootstraps(Function<String, Optional<ClusterSecrets>> secrets, Clock clock) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Bootstrap of(SitePlan plan, PlannedMicroVm vm) {
        Optional<PlannedCluster> cluster = plan.clusters().stream()
                .filter(c -> c.clusterId().equals(vm.clusterId())).findFirst();
        if (cluster.isEmpty() || plan.network() == null || vm.ipAddress() == null
                || cluster.get().controlPlaneEndpoint() == null) {
            return Bootstrap.none();
        }
        Optional<ClusterSecrets> opened = secrets.apply(vm.clusterId());
        if (opened.isEmpty()) {
            return Bootstrap.waiting("the secrets of cluster " + vm.clusterId() + " have not arrived");
        }
        return Bootstrap.seed(NodeSeeds.render(node(plan, cluster.get(), vm, opened.get())));
    }

    /** What one microVM of the plan is seeded with, given its cluster's secrets. */
    public NodeBootstrap node(SitePlan plan, PlannedCluster cluster, PlannedMicroVm vm, ClusterSecrets secrets) {
        NodeBootstrapRole role = role(cluster, vm);
        List<String> cpAddresses = controlPlaneAddresses(plan, cluster);
        Map<String, String> pki = role.controlPlane() ? controlPlanePki(secrets, cluster, vm, cpAddresses) : Map.of();
        NodeAddress address = new NodeAddress(vm.ipAddress(), Ipv4.prefixLength(plan.network().subnet()),
                plan.network().gateway(), vm.macAddress());
        return new NodeBootstrap(cluster.clusterId(), vm.microVmId(), role, vm.kubernetesVersion(), address,
                cluster.controlPlaneEndpoint(), cpAddresses, secrets.bootstrapToken(),
                role.controlPlane() ? secrets.certificateKey() : null, secrets.caCertHash(), pki);
    }

    static NodeBootstrapRole role(PlannedCluster cluster, PlannedMicroVm vm) {
        if (vm.role() != MicroVmRole.CONTROL_PLANE) {
            return NodeBootstrapRole.JOIN_WORKER;
        }
        return vm.microVmId().equals(ReconcilePlanner.initReplica(cluster)) ? NodeBootstrapRole.INIT
                : NodeBootstrapRole.JOIN_CONTROL_PLANE;
    }

    private static List<String> controlPlaneAddresses(SitePlan plan, PlannedCluster cluster) {
        return plan.microVms().stream()
                .filter(m -> cluster.controlPlaneMicroVmIds().contains(m.microVmId()) && m.ipAddress() != null)
                .map(PlannedMicroVm::ipAddress).sorted().toList();
    }

    private Map<String, String> controlPlanePki(ClusterSecrets secrets, PlannedCluster cluster, PlannedMicroVm vm,
                                                List<String> cpAddresses) {
        List<String> sans = new ArrayList<>();
        sans.add(cluster.controlPlaneEndpoint());
        sans.addAll(cpAddresses);
        sans.add(KUBERNETES_SERVICE_IP);
        CertificateAndKey apiServer = Certificates.apiServer(secrets.kubernetesCa(), vm.microVmId(),
                sans.stream().distinct().toList(), clock.instant(), API_SERVER_CERT_VALIDITY);
        Map<String, String> files = new LinkedHashMap<>(secrets.kubeadmPkiFiles());
        files.put("apiserver.crt", apiServer.certificatePem());
        files.put("apiserver.key", apiServer.privateKeyPem());
        return files;
    }
}
