package io.edgefleet.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.agent.driver.simulated.SimulatedDriver;
import io.edgefleet.agent.driver.simulated.SimulatedDriverConfig;
import io.edgefleet.agent.reconcile.Convergence;
import io.edgefleet.agent.reconcile.NodeBootstraps;
import io.edgefleet.agent.reconcile.Plans;
import io.edgefleet.agent.reconcile.ReconcilePlanner;
import io.edgefleet.agent.reconcile.Step;
import io.edgefleet.agent.reconcile.Target;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A network function's pod goes into a cluster only after what it needs there: the team's namespace, then
 * the NetworkAttachmentDefinitions it names. Checked against a mock API server that refuses a pod without
 * them, as a real cluster with Multus does.
 */
class NfPrerequisitesTest {
    static final String NAMESPACE = "edgefleet-nf-team-a";
    static final PhysnetAddressing PHYSNET_A =
            new PhysnetAddressing(120, "10.20.0.0/24", "10.20.0.10", "10.20.0.99", "10.20.0.1");

    AdmittingApiServer server;
    KubernetesClient client;
    final NfPods naming = new NfPods("edgefleet-nf", "registry/nf/{kind}:1", "intel.com");
    final List<PlannedMicroVm> cps = Plans.controlPlane("c1", 3);
    final PlannedCluster cluster = Plans.cluster("c1", cps, List.of("bm1"));
    final SitePlan plan = new SitePlan(Plans.SITE, 7, null, cps, List.of(cluster), List.of(Plans.upf("upf-1", "c1")));
    final SimulatedDriver driver = new SimulatedDriver(Plans.inventory(), SimulatedDriverConfig.defaults(),
            new Plans.TestClock());

    @BeforeEach
    void startServer() {
        server = AdmittingApiServer.start();
        client = server.client();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    Fabric8ClusterAccess access() {
        return server.access();
    }

    ReconcilePlanner planner(PhysnetAddressing physnetA) {
        return new ReconcilePlanner("/k", "/r", naming, new NfNetworks(naming, Map.of("physnet-a", physnetA)), Map.of(),
                NodeBootstraps.NONE);
    }

    GenericKubernetesResource attachment(String name) {
        return client.genericKubernetesResources(Fabric8NfPrerequisites.NAD).inNamespace(NAMESPACE).withName(name).get();
    }

    @Test
    void theServerRefusesAPodWhoseNamespaceOrAttachmentIsMissing() {
        Fabric8ClusterAccess access = access();
        NfPod pod = naming.of(cluster, Plans.upf("upf-1", "c1")).get(0);

        KubernetesClientException noNamespace = assertThrows(KubernetesClientException.class,
                () -> access.applyPod(cluster, pod));
        assertEquals(404, noNamespace.getCode());
        assertTrue(noNamespace.getMessage().contains("namespaces \"" + NAMESPACE + "\" not found"),
                noNamespace.getMessage());

        access.ensureNamespace(cluster, NAMESPACE);
        KubernetesClientException noNetwork = assertThrows(KubernetesClientException.class,
                () -> access.applyPod(cluster, pod));
        assertEquals(400, noNetwork.getCode());
        assertTrue(noNetwork.getMessage().contains(NAMESPACE + "/sriov-physnet-a"), noNetwork.getMessage());

        new NfNetworks(naming, Map.of()).of(cluster, plan.networkFunctions()).forEach(n -> access.applyNetwork(cluster, n));
        access.applyPod(cluster, pod);
        assertNotNull(client.pods().inNamespace(NAMESPACE).withName("upf-1-0").get());
    }

    @Test
    void theReconcilerMakesTheNamespaceThenTheAttachmentsThenThePod() throws Exception {
        Convergence agent = new Convergence(Plans.SITE, new Target(driver, access()), planner(PHYSNET_A), new Plans.Sink());

        List<String> performed = agent.run(plan).performed();

        int namespace = performed.indexOf("make namespace " + NAMESPACE + " in cluster c1");
        int networks = performed.indexOf("write network attachments " + NAMESPACE + "/sriov-physnet-a in cluster c1");
        int pod = performed.indexOf("place pod upf-1-0 of network function upf-1 on bm1");
        assertTrue(namespace >= 0 && namespace < networks && networks < pod, performed.toString());

        Namespace made = client.namespaces().withName(NAMESPACE).get();
        assertEquals(NfPods.MANAGER, made.getMetadata().getLabels().get(NfPods.MANAGED_BY));
        GenericKubernetesResource nad = attachment("sriov-physnet-a");
        assertEquals("k8s.cni.cncf.io/v1", nad.getApiVersion());
        assertEquals("NetworkAttachmentDefinition", nad.getKind());
        assertEquals("intel.com/sriov_physnet_a", nad.getMetadata().getAnnotations().get(NfNetwork.RESOURCE_NAME));
        JsonNode config = new ObjectMapper().readTree(((Map<?, ?>) nad.getAdditionalProperties().get("spec"))
                .get("config").toString());
        assertEquals(120, config.get("vlan").asInt());
        assertEquals("whereabouts", config.at("/ipam/type").asText());
        Pod written = client.pods().inNamespace(NAMESPACE).withName("upf-1-0").get();
        assertEquals("sriov-physnet-a,sriov-physnet-a", written.getMetadata().getAnnotations().get(NfPods.NETWORKS_ANNOTATION));
        assertEquals("intel.com/sriov_physnet_a", nad.getMetadata().getAnnotations().get(NfNetwork.RESOURCE_NAME));
        assertTrue(written.getSpec().getContainers().get(0).getResources().getLimits()
                .containsKey("intel.com/sriov_physnet_a"), "the pod requests what the attachment names");

        List<String> again = agent.run(plan).performed();
        assertFalse(again.stream().anyMatch(s -> s.startsWith("make namespace") || s.startsWith("write network")
                || s.startsWith("place pod")), "measured as present, nothing made twice: " + again);
    }

    @Test
    void withoutThePrerequisiteStepsTheServerRefusesThePod() {
        Fabric8ClusterAccess access = access();
        Target target = new Target(driver, access);
        List<Step> steps = planner(PHYSNET_A).clusterSteps(plan, Map.of("c1", access.observe(cluster)));
        Predicate<Step> placesPod = s -> s.describe().startsWith("place pod");
        Predicate<Step> makesNamespace = s -> s.describe().startsWith("make namespace");

        Step placePod = steps.stream().filter(placesPod).findFirst().orElseThrow();
        assertEquals(404, assertThrows(KubernetesClientException.class, () -> placePod.perform(target)).getCode(),
                "no namespace");
        steps.stream().filter(makesNamespace).forEach(s -> s.perform(target));
        assertEquals(400, assertThrows(KubernetesClientException.class, () -> placePod.perform(target)).getCode(),
                "no network attachment");
        assertTrue(client.pods().inAnyNamespace().list().getItems().isEmpty());
    }

    @Test
    void anExistingNamespaceGetsTheLabelAndAChangedVlanRewritesTheAttachment() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
                .addToLabels("owner", "ops").endMetadata().build()).create();
        Target target = new Target(driver, access());
        new Convergence(Plans.SITE, target, planner(PHYSNET_A), new Plans.Sink()).run(plan);
        Map<String, String> labels = client.namespaces().withName(NAMESPACE).get().getMetadata().getLabels();
        assertEquals(Map.of("owner", "ops", NfPods.MANAGED_BY, NfPods.MANAGER), labels, "kept what others set");

        PhysnetAddressing moved = new PhysnetAddressing(121, PHYSNET_A.subnet(), PHYSNET_A.rangeStart(),
                PHYSNET_A.rangeEnd(), PHYSNET_A.gateway());
        List<String> performed = new Convergence(Plans.SITE, target, planner(moved), new Plans.Sink()).run(plan)
                .performed();

        assertTrue(performed.contains("write network attachments " + NAMESPACE + "/sriov-physnet-a in cluster c1"),
                performed.toString());
        Object config = ((Map<?, ?>) attachment("sriov-physnet-a").getAdditionalProperties().get("spec")).get("config");
        assertEquals(121, new ObjectMapper().readTree(config.toString()).get("vlan").asInt());
    }
}
