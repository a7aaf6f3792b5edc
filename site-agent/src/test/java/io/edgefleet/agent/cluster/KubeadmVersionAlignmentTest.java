package io.edgefleet.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.bootstrap.ControlPlaneVersion;
import io.edgefleet.agent.reconcile.Plans;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While a control plane rolls to a newer version, the cluster's kubeadm ClusterConfiguration names the newest
 * planned control-plane version, so a newcomer's join deploys its own version (ADR 0030); only that line of
 * kubeadm's document changes. Against fabric8's mock API server in CRUD mode.
 */
class KubeadmVersionAlignmentTest {
    private static final String CLUSTER_CONFIGURATION = """
            apiServer: {}
            apiVersion: kubeadm.k8s.io/v1beta4
            clusterName: c1
            controlPlaneEndpoint: 10.0.0.5:6443
            kind: ClusterConfiguration
            kubernetesVersion: v1.31.2
            networking:
              podSubnet: 10.244.0.0/16
            """;

    AdmittingApiServer server;

    @BeforeEach
    void startServer() {
        server = AdmittingApiServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Cluster c1 at 1.31.2 whose replica cp-3 runs {@code newcomer} (cp-0..2 at 1.31.2). */
    private static SitePlan rolling(String newcomer) {
        List<PlannedMicroVm> cps = new ArrayList<>(Plans.controlPlane("c1", 3));
        if (newcomer != null) {
            cps.add(new PlannedMicroVm("c1-cp-3", "c1", io.edgefleet.events.plan.MicroVmRole.CONTROL_PLANE, "h1", 2,
                    2048, 10, newcomer));
        }
        PlannedCluster cluster = Plans.cluster("c1", cps, List.of());
        return new SitePlan(Plans.SITE, 1, Instant.parse("2026-01-01T00:00:00Z"), cps, List.of(cluster), List.of());
    }

    @Test
    void aRollingControlPlaneNamesItsNewestVersionOtherwiseNothing() {
        SitePlan plan = rolling("v1.32.1");
        assertEquals(Optional.of("v1.32.1"), ControlPlaneVersion.during(plan, plan.clusters().get(0)));
        SitePlan minorOnly = rolling("1.32");
        assertEquals(Optional.of("stable-1.32"), ControlPlaneVersion.during(minorOnly, minorOnly.clusters().get(0)));
        SitePlan steady = rolling(null);
        assertEquals(Optional.empty(), ControlPlaneVersion.during(steady, steady.clusters().get(0)),
                "nothing rolls: the configuration stays as kubeadm wrote it");
    }

    @Test
    void onlyTheVersionLineOfKubeadmsConfigurationChanges() {
        ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName(KubeadmConfigMap.NAME)
                .withNamespace(Fabric8ClusterAccess.KUBE_SYSTEM).endMetadata()
                .addToData(KubeadmConfigMap.KEY, CLUSTER_CONFIGURATION).build();
        server.client().configMaps().inNamespace(Fabric8ClusterAccess.KUBE_SYSTEM).resource(map).create();
        Fabric8ClusterAccess access = server.access();
        PlannedCluster cluster = rolling("v1.32.1").clusters().get(0);

        assertEquals(Optional.of("v1.31.2"), access.kubeadmVersion(cluster));
        access.setKubeadmVersion(cluster, "v1.32.1");

        assertEquals(Optional.of("v1.32.1"), access.kubeadmVersion(cluster));
        String stored = server.client().configMaps().inNamespace(Fabric8ClusterAccess.KUBE_SYSTEM)
                .withName(KubeadmConfigMap.NAME).get().getData().get(KubeadmConfigMap.KEY);
        assertEquals(CLUSTER_CONFIGURATION.replace("kubernetesVersion: v1.31.2", "kubernetesVersion: v1.32.1"), stored);
        assertTrue(stored.contains("podSubnet: 10.244.0.0/16"));
    }

    @Test
    void aClusterWithoutKubeadmsConfigurationIsLeftAlone() {
        Fabric8ClusterAccess access = server.access();
        PlannedCluster cluster = rolling("v1.32.1").clusters().get(0);
        assertEquals(Optional.empty(), access.kubeadmVersion(cluster));
        access.setKubeadmVersion(cluster, "v1.32.1");
        assertEquals(Optional.empty(), access.kubeadmVersion(cluster), "nothing is created");
    }
}
