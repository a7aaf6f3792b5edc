package io.edgefleet.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.driver.simulated.SimulatedDriver;
import io.edgefleet.agent.driver.simulated.SimulatedDriverConfig;
import io.edgefleet.agent.reconcile.Convergence;
import io.edgefleet.agent.reconcile.Plans;
import io.edgefleet.agent.reconcile.ReconcilePlanner;
import io.edgefleet.agent.reconcile.Target;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.BootstrapState;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster side through fabric8 against fabric8's mock API server in CRUD mode, refusing what a real
 * cluster with Multus refuses (a missing namespace or network attachment: {@link AdmittingApiServer}).
 */
class Fabric8ClusterAccessTest {
    AdmittingApiServer server;
    KubernetesClient client;

    final NfPods nfPods = new NfPods("edgefleet-nf", "registry/nf/{kind}:1", "intel.com");
    final List<PlannedMicroVm> cps = Plans.controlPlane("c1", 3);
    final PlannedCluster cluster = Plans.cluster("c1", cps, List.of("bm1"));

    @BeforeEach
    void startServer() {
        server = AdmittingApiServer.start();
        client = server.client();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** What the reconciler makes before a pod: its namespace and attachments. */
    NfPod withPrerequisites(Fabric8ClusterAccess access, PlannedNetworkFunction nf) {
        return AdmittingApiServer.withPrerequisites(access, nfPods, cluster, nf);
    }

    Fabric8ClusterAccess access() {
        return server.access();
    }

    /** What a kubelet does when it registers: a node with a Ready condition. */
    void kubeletRegisters(String name, boolean ready) {
        Node node = new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name)
                .endMetadata().withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .endCondition().endStatus().build();
        client.nodes().resource(node).create();
    }

    @Test
    void observesNodesAndTheirReadiness() {
        kubeletRegisters("c1-cp-0", true);
        kubeletRegisters("c1-cp-1", false);

        ClusterState state = access().observe(cluster);

        assertTrue(state.apiServerUp());
        assertEquals(client.getMasterUrl().toString(), state.apiServerEndpoint());
        assertTrue(state.node("c1-cp-0").orElseThrow().ready());
        assertFalse(state.node("c1-cp-1").orElseThrow().ready());
        assertFalse(state.joinTokenValid());
    }

    @Test
    void createsOneKubeadmBootstrapTokenForWorkersToJoin() {
        Fabric8ClusterAccess access = access();
        access.ensureJoinToken(cluster);
        access.ensureJoinToken(cluster);

        List<Secret> tokens = client.secrets().inNamespace("kube-system").list().getItems();
        assertEquals(1, tokens.size(), "idempotent: one token");
        Secret token = tokens.get(0);
        assertEquals("bootstrap.kubernetes.io/token", token.getType());
        String tokenId = decode(token, "token-id");
        assertEquals("bootstrap-token-" + tokenId, token.getMetadata().getName());
        assertTrue(tokenId.matches("[a-z0-9]{6}") && decode(token, "token-secret").matches("[a-z0-9]{16}"));
        assertEquals("true", decode(token, "usage-bootstrap-authentication"));
        assertTrue(Instant.parse(decode(token, "expiration")).isAfter(Instant.now().plusSeconds(23 * 3600)));
        assertTrue(access.observe(cluster).joinTokenValid());
    }

    @Test
    void labelsAndTaintsANodeKeepingWhatOthersSet() {
        kubeletRegisters("c1-cp-0", true);
        Fabric8ClusterAccess access = access();
        Map<String, String> labels = Map.of(NodeRoles.CLUSTER, "c1", NodeRoles.CONTROL_PLANE_ROLE, "");

        access.labelNode(cluster, "c1-cp-0", labels, List.of(NodeRoles.CONTROL_PLANE_TAINT));
        access.labelNode(cluster, "c1-cp-0", labels, List.of(NodeRoles.CONTROL_PLANE_TAINT));

        Node node = client.nodes().withName("c1-cp-0").get();
        assertEquals("c1", node.getMetadata().getLabels().get(NodeRoles.CLUSTER));
        assertEquals("c1-cp-0", node.getMetadata().getLabels().get("kubernetes.io/hostname"), "kept");
        assertEquals(1, node.getSpec().getTaints().size(), "a taint once, however often applied");
        assertEquals("NoSchedule", node.getSpec().getTaints().get(0).getEffect());
        assertTrue(access.observe(cluster).node("c1-cp-0").orElseThrow()
                .has(labels, List.of(NodeRoles.CONTROL_PLANE_TAINT)));
    }

    @Test
    void placesANetworkFunctionPodWithGuaranteedQosOnItsNode() {
        Fabric8ClusterAccess access = access();
        NfPod pod = withPrerequisites(access, Plans.upf("upf-1", "c1"));
        access.applyPod(cluster, pod);

        Pod written = client.pods().inNamespace("edgefleet-nf-team-a").withName("upf-1-0").get();
        assertEquals(Map.of("kubernetes.io/hostname", "bm1"), written.getSpec().getNodeSelector());
        assertEquals(1, written.getSpec().getContainers().size());
        ResourceRequirements resources = written.getSpec().getContainers().get(0).getResources();
        assertEquals(resources.getRequests(), resources.getLimits(), "Guaranteed QoS: requests equal limits");
        assertEquals(new Quantity("4"), resources.getLimits().get("cpu"), "whole CPUs, one per pinned core");
        assertEquals(new Quantity("4096Mi"), resources.getLimits().get("memory"));
        assertEquals(new Quantity("2Gi"), resources.getLimits().get("hugepages-1Gi"));
        assertEquals(new Quantity("2"), resources.getLimits().get("intel.com/sriov_physnet_a"));
        assertEquals("registry/nf/upf:1", written.getSpec().getContainers().get(0).getImage());
        assertEquals("sriov-physnet-a,sriov-physnet-a",
                written.getMetadata().getAnnotations().get("k8s.v1.cni.cncf.io/networks"));
        assertEquals("4,5,6,7", written.getMetadata().getAnnotations().get("edgefleet.io/pinned-cores"));
        assertEquals("HugePages-1Gi", written.getSpec().getVolumes().get(0).getEmptyDir().getMedium());
        assertTrue(written.getSpec().getTolerations().stream()
                .anyMatch(t -> t.getKey().equals(NodeRoles.NF_TAINT.key())));
    }

    @Test
    void reapplyingTheSamePodIsANoOpAndAChangedPlanReplacesIt() {
        Fabric8ClusterAccess access = access();
        NfPod pod = withPrerequisites(access, Plans.upf("upf-1", "c1"));
        access.applyPod(cluster, pod);
        String uid = client.pods().inNamespace("edgefleet-nf-team-a").withName("upf-1-0").get().getMetadata().getUid();

        access.applyPod(cluster, pod);
        assertEquals(uid, client.pods().inNamespace("edgefleet-nf-team-a").withName("upf-1-0").get().getMetadata().getUid());

        NfPod bigger = nfPods.of(cluster, new PlannedNetworkFunction("upf-1", "c1",
                io.edgefleet.events.request.NetworkFunctionKind.UPF, List.of(new io.edgefleet.events.plan.PlannedNfReplica(
                        0, "bm1", 0, List.of(4, 5, 6, 7, 8, 9), 2, 4096, Map.of("physnet-a", 2))))).get(0);
        access.applyPod(cluster, bigger);
        Pod replaced = client.pods().inNamespace("edgefleet-nf-team-a").withName("upf-1-0").get();
        assertNotEquals(uid, replaced.getMetadata().getUid());
        assertEquals(new Quantity("6"), replaced.getSpec().getContainers().get(0).getResources().getLimits().get("cpu"));

        access.deletePod(cluster, "upf-1-0");
        assertNull(client.pods().inNamespace("edgefleet-nf-team-a").withName("upf-1-0").get());
        access.deletePod(cluster, "upf-1-0"); // unknown: no-op
    }

    @Test
    void aPodFromBeforeTeamNamespacesMovesToItsTeamsNamespace() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("edgefleet-nf").endMetadata()
                .build()).create();
        client.pods().inNamespace("edgefleet-nf").resource(new PodBuilder().withNewMetadata().withName("upf-1-0")
                .addToLabels(NfPods.MANAGED_BY, NfPods.MANAGER).addToAnnotations(NfPods.SPEC_HASH, "old").endMetadata()
                .withNewSpec().addNewContainer().withName("upf").withImage("old").endContainer().endSpec().build()).create();
        Fabric8ClusterAccess access = access();

        access.applyPod(cluster, withPrerequisites(access, Plans.upf("upf-1", "c1")));

        assertNull(client.pods().inNamespace("edgefleet-nf").withName("upf-1-0").get(), "one replica, not two");
        assertEquals(List.of("edgefleet-nf-team-a"), client.pods().inAnyNamespace().list().getItems().stream()
                .map(p -> p.getMetadata().getNamespace()).toList());
    }

    @Test
    void theReconcilerConvergesAClusterThroughTheApiServerAndReportsReadyOnlyWhenNodesAreReady() {
        SimulatedDriver driver = new SimulatedDriver(Plans.inventory(), SimulatedDriverConfig.defaults(),
                new Plans.TestClock());
        Plans.Sink sink = new Plans.Sink();
        Convergence agent = new Convergence(Plans.SITE, new Target(driver, access()),
                new ReconcilePlanner("/k", "/r", nfPods), sink);
        SitePlan plan = new SitePlan(Plans.SITE, 7, null, cps, List.of(cluster), List.of(Plans.upf("upf-1", "c1")));

        agent.run(plan); // microVMs boot; no node has registered yet
        ClusterBootstrapReported first = sink.of(ClusterBootstrapReported.class).get(0);
        assertEquals(BootstrapState.BOOTSTRAPPING, first.state());
        assertEquals("0 of 3 control-plane nodes are Ready", first.reason());
        assertEquals(1, client.secrets().inNamespace("kube-system").list().getItems().size(), "join token for bm1");

        cps.forEach(vm -> kubeletRegisters(vm.microVmId(), true));
        kubeletRegisters("bm1", true);
        agent.run(plan);

        ClusterBootstrapReported ready = sink.of(ClusterBootstrapReported.class).get(1);
        assertEquals(BootstrapState.READY, ready.state());
        assertEquals(4, ready.readyNodes());
        assertEquals(client.getMasterUrl().toString(), ready.apiServerEndpoint());
        Node cp = client.nodes().withName("c1-cp-0").get();
        assertEquals("", cp.getMetadata().getLabels().get(NodeRoles.CONTROL_PLANE_ROLE));
        assertEquals("h1", cp.getMetadata().getLabels().get(NodeRoles.HOST));
        Node bm = client.nodes().withName("bm1").get();
        assertEquals("PreferNoSchedule", bm.getSpec().getTaints().get(0).getEffect());
        assertEquals(1, client.pods().inAnyNamespace().list().getItems().size());

        SitePlan withoutNf = new SitePlan(Plans.SITE, 8, null, cps, List.of(cluster), List.of());
        assertEquals(List.of("remove pod upf-1-0 from cluster c1"), agent.run(withoutNf).performed());
        assertEquals(0, client.pods().inAnyNamespace().list().getItems().size());
        assertEquals(List.of(), agent.run(withoutNf).performed(), "converged");
    }

    @Test
    void withoutCredentialsTheClusterIsReportedBootstrappingWithTheReason() {
        Fabric8ClusterAccess none = new Fabric8ClusterAccess(new Fabric8ClusterAccess.Clients() {
            @Override
            public Optional<KubernetesClient> client(String clusterId) {
                return Optional.empty();
            }

            @Override
            public String endpoint(String clusterId) {
                return null;
            }
        });
        ClusterState state = none.observe(cluster);
        assertFalse(state.apiServerUp());
        assertEquals("no credentials for the API server of cluster c1 yet", state.reason());
    }

    private static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}
