package io.edgefleet.agent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.reconcile.NodeBootstraps.Bootstrap;
import io.edgefleet.events.plan.Ipv4;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SiteNetwork;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.pki.ClusterPki;
import io.edgefleet.pki.ClusterSecrets;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * From plan and secrets to each microVM's bootstrap: the init replica the plan names inits (a replacement of it
 * joins), control planes get the PKI with an API server certificate for the VIP and every control-plane address,
 * workers get no key at all, a cluster without secrets waits, and a site without a network boots plainly.
 */
class KubeadmNodeBootstrapsTest {
    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final SiteNetwork NET = new SiteNetwork("10.200.1.0/24", "10.200.1.1", "10.200.1.10", "10.200.1.200",
            "efbr1", null, null);
    static final ClusterSecrets SECRETS = ClusterPki.create("demo-3", NOW);

    final KubeadmNodeBootstraps bootstraps = new KubeadmNodeBootstraps(
            id -> id.equals("demo-3") ? Optional.of(SECRETS) : Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC));

    static PlannedMicroVm vm(String id, MicroVmRole role, String ip) {
        return new PlannedMicroVm(id, "demo-3", role, "h1", 2, 2048, 10, "1.31.2", ip, ip == null ? null : Ipv4.macFor(ip));
    }

    static SitePlan plan(SiteNetwork net, String endpoint, String init, PlannedMicroVm... vms) {
        List<String> cps = new ArrayList<>();
        List<String> workers = new ArrayList<>();
        for (PlannedMicroVm v : vms) {
            (v.role() == MicroVmRole.CONTROL_PLANE ? cps : workers).add(v.microVmId());
        }
        PlannedCluster cluster = new PlannedCluster("demo-3", "team-a", "1.31.2", cps, workers, List.of(), endpoint, init);
        return new SitePlan("edge-1", 7, NOW, List.of(vms), List.of(cluster), List.of(), null, net);
    }

    @Test
    void theNamedInitReplicaInitsAndItsReplacementJoins() {
        PlannedMicroVm cp1 = vm("demo-3-cp-1", MicroVmRole.CONTROL_PLANE, "10.200.1.11");
        PlannedMicroVm cp2 = vm("demo-3-cp-2", MicroVmRole.CONTROL_PLANE, "10.200.1.12");
        PlannedMicroVm cp3 = vm("demo-3-cp-3", MicroVmRole.CONTROL_PLANE, "10.200.1.13");
        SitePlan first = plan(NET, "10.200.1.100", "demo-3-cp-1", cp1, cp2, cp3);
        PlannedCluster c = first.clusters().get(0);
        assertEquals(NodeBootstrapRole.INIT, KubeadmNodeBootstraps.role(c, cp1));
        assertEquals(NodeBootstrapRole.JOIN_CONTROL_PLANE, KubeadmNodeBootstraps.role(c, cp2));

        // cp-1 was replaced by cp-4 (its host died): the plan still names cp-1, so cp-4 joins; init never runs twice.
        PlannedMicroVm cp4 = vm("demo-3-cp-4", MicroVmRole.CONTROL_PLANE, "10.200.1.14");
        SitePlan later = plan(NET, "10.200.1.100", "demo-3-cp-1", cp2, cp3, cp4);
        assertEquals(NodeBootstrapRole.JOIN_CONTROL_PLANE, KubeadmNodeBootstraps.role(later.clusters().get(0), cp4));
        NodeBootstrap node = bootstraps.node(later, later.clusters().get(0), cp4, SECRETS);
        assertEquals(NodeBootstrapRole.JOIN_CONTROL_PLANE, node.role());
        assertEquals(24, node.address().prefixLength());
        assertEquals(List.of("10.200.1.12", "10.200.1.13", "10.200.1.14"), node.controlPlaneAddresses());
        assertEquals(SECRETS.caCertHash(), node.caCertHash());
        assertTrue(node.pkiFiles().keySet().containsAll(Set.of("ca.crt", "ca.key", "sa.key", "sa.pub",
                "front-proxy-ca.crt", "front-proxy-ca.key", "etcd/ca.crt", "etcd/ca.key", "apiserver.crt", "apiserver.key")));
    }

    @Test
    void theApiServerCertificateNamesTheVipAndEveryControlPlane() throws Exception {
        PlannedMicroVm cp1 = vm("demo-3-cp-1", MicroVmRole.CONTROL_PLANE, "10.200.1.11");
        PlannedMicroVm cp2 = vm("demo-3-cp-2", MicroVmRole.CONTROL_PLANE, "10.200.1.12");
        SitePlan plan = plan(NET, "10.200.1.100", "demo-3-cp-1", cp1, cp2);
        NodeBootstrap node = bootstraps.node(plan, plan.clusters().get(0), cp1, SECRETS);
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(node.pkiFiles().get("apiserver.crt").getBytes(StandardCharsets.US_ASCII)));
        Set<String> sans = cert.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1)))
                .collect(Collectors.toSet());
        assertTrue(sans.containsAll(Set.of("10.200.1.100", "10.200.1.11", "10.200.1.12", "10.96.0.1", "demo-3-cp-1")), sans.toString());
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(SECRETS.kubernetesCa().certificatePem().getBytes(StandardCharsets.US_ASCII)));
        cert.verify(ca.getPublicKey());
    }

    @Test
    void workersGetNoKeysAndWaitOrPlainBootsAreSaidSo() {
        PlannedMicroVm cp1 = vm("demo-3-cp-1", MicroVmRole.CONTROL_PLANE, "10.200.1.11");
        PlannedMicroVm w1 = vm("demo-3-w-1", MicroVmRole.WORKER, "10.200.1.21");
        SitePlan plan = plan(NET, "10.200.1.100", "demo-3-cp-1", cp1, w1);
        NodeBootstrap worker = bootstraps.node(plan, plan.clusters().get(0), w1, SECRETS);
        assertEquals(NodeBootstrapRole.JOIN_WORKER, worker.role());
        assertEquals(Map.of(), worker.pkiFiles());
        assertNull(worker.certificateKey());

        Bootstrap seeded = bootstraps.of(plan, w1);
        assertTrue(seeded.seed() != null && seeded.seed().userData().contains("kubeadm"), "a worker is seeded to join");

        KubeadmNodeBootstraps noSecrets = new KubeadmNodeBootstraps(id -> Optional.empty(), Clock.systemUTC());
        Bootstrap waits = noSecrets.of(plan, cp1);
        assertTrue(waits.waits());
        assertEquals("the secrets of cluster demo-3 have not arrived", waits.waitingFor());

        SitePlan noNetwork = plan(null, null, "demo-3-cp-1", vm("demo-3-cp-1", MicroVmRole.CONTROL_PLANE, null));
        Bootstrap plain = noSecrets.of(noNetwork, noNetwork.microVms().get(0));
        assertNull(plain.seed());
        assertTrue(!plain.waits(), "nothing to wait for without a network");
    }
}
