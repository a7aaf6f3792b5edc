package io.edgefleet.agent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.driver.GuestSeed;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The kube-vip static pod read back as a Kubernetes Pod, and which kubeconfig it mounts on which node. */
class KubeVipManifestTest {

    @Test
    void podHoldsTheVipByArpWithLeaderElectionOnTheHostNetwork() {
        Pod pod = manifest(NodeSeeds.render(BootstrapFixtures.joinControlPlane()), BootstrapDefaults.KUBE_VIP_MANIFEST_PATH);

        assertEquals("v1", pod.getApiVersion());
        assertEquals("Pod", pod.getKind());
        assertEquals("kube-vip", pod.getMetadata().getName());
        assertEquals("kube-system", pod.getMetadata().getNamespace());
        assertTrue(pod.getSpec().getHostNetwork());
        Container container = pod.getSpec().getContainers().get(0);
        assertEquals(List.of("manager"), container.getArgs());
        assertEquals(List.of("NET_ADMIN", "NET_RAW"), container.getSecurityContext().getCapabilities().getAdd());
        Map<String, String> env = env(container);
        assertEquals("10.20.0.5", env.get("address"));
        assertEquals("true", env.get("vip_arp"));
        assertEquals("eth0", env.get("vip_interface"));
        assertEquals("6443", env.get("port"));
        assertEquals("true", env.get("cp_enable"));
        assertEquals("true", env.get("vip_leaderelection"));
        assertEquals("5", env.get("vip_leaseduration"));
        assertEquals("3", env.get("vip_renewdeadline"));
        assertEquals("1", env.get("vip_retryperiod"));
        EnvVar nodeName = container.getEnv().stream().filter(e -> e.getName().equals("vip_nodename")).findFirst().orElseThrow();
        assertEquals("spec.nodeName", nodeName.getValueFrom().getFieldRef().getFieldPath());
        assertEquals("/etc/kubernetes/admin.conf", container.getVolumeMounts().get(0).getMountPath());
        assertEquals("127.0.0.1", pod.getSpec().getHostAliases().get(0).getIp());
    }

    @Test
    void initNodeStartsWithSuperAdminConfAndMovesToAdminConfOnlyAfterInitSucceeded() {
        GuestSeed seed = NodeSeeds.render(BootstrapFixtures.init());

        assertEquals("/etc/kubernetes/super-admin.conf", kubeconfigHostPath(manifest(seed, BootstrapDefaults.KUBE_VIP_MANIFEST_PATH)));
        assertEquals("/etc/kubernetes/admin.conf", kubeconfigHostPath(manifest(seed, BootstrapDefaults.KUBE_VIP_AFTER_INIT_PATH)));
        String command = SeedDocuments.userData(seed).get("runcmd").get(0).asText();
        assertEquals("kubeadm init --config /etc/kubernetes/kubeadm/kubeadm.yaml --upload-certs"
                + " && install -m 0600 /etc/kubernetes/kube-vip/kube-vip-after-init.yaml /etc/kubernetes/manifests/kube-vip.yaml",
                command);
    }

    @Test
    void joiningControlPlaneUsesAdminConfFromTheStart() {
        GuestSeed seed = NodeSeeds.render(BootstrapFixtures.joinControlPlane());

        assertEquals("/etc/kubernetes/admin.conf", kubeconfigHostPath(manifest(seed, BootstrapDefaults.KUBE_VIP_MANIFEST_PATH)));
        assertFalse(SeedDocuments.files(seed).containsKey(BootstrapDefaults.KUBE_VIP_AFTER_INIT_PATH));
        assertEquals("kubeadm join --config /etc/kubernetes/kubeadm/kubeadm.yaml",
                SeedDocuments.userData(seed).get("runcmd").get(0).asText());
    }

    @Test
    void workerRunsNoKubeVip() {
        Map<String, ?> files = SeedDocuments.files(NodeSeeds.render(BootstrapFixtures.worker()));

        assertFalse(files.containsKey(BootstrapDefaults.KUBE_VIP_MANIFEST_PATH));
        assertFalse(files.containsKey(BootstrapDefaults.KUBE_VIP_AFTER_INIT_PATH));
    }

    private static Pod manifest(GuestSeed seed, String path) {
        return Serialization.unmarshal(SeedDocuments.content(seed, path), Pod.class);
    }

    private static String kubeconfigHostPath(Pod pod) {
        return pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals("kubeconfig")).findFirst()
                .orElseThrow().getHostPath().getPath();
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
