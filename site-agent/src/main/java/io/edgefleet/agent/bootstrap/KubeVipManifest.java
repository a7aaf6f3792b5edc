package io.edgefleet.agent.bootstrap;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;

/**
 * kube-vip's static pod on a control-plane node, in ARP mode: the replica that wins the leader election holds
 * the cluster's virtual IP on the node's interface and answers ARP for it. Shaped like the manifest
 * {@code kube-vip manifest pod --arp --controlplane --leaderElection} generates (kube-vip.io/docs/installation/static).
 *
 * <p>kube-vip talks to the API server with a kubeconfig mounted from the host; which one depends on the node:
 * <ul>
 * <li>On the init node it must be {@code super-admin.conf}. Since Kubernetes 1.29 kubeadm's {@code admin.conf}
 * gets its rights from a ClusterRoleBinding that {@code kubeadm init} creates only once the API server answers
 * through the control-plane endpoint, which is the VIP kube-vip has yet to claim: with {@code admin.conf}
 * kube-vip cannot take its leader lease, the VIP never comes up and init times out (kube-vip issue #684).
 * {@code super-admin.conf} (group {@code system:masters}) exists only on the init node and needs no binding.</li>
 * <li>Everywhere else, and on the init node once init succeeded, {@code admin.conf}: by then it has its rights,
 * and the break-glass {@code super-admin.conf} should not stay in a long-running pod.</li>
 * </ul>
 */
final class KubeVipManifest {
    /** The kubeconfig path kube-vip reads by default; the host file mounted there differs by node. */
    static final String KUBECONFIG_IN_POD = BootstrapDefaults.ADMIN_KUBECONFIG;

    private KubeVipManifest() {
    }

    /** The manifest kubeadm's kubelet starts before the API server exists: {@code super-admin.conf} on the init node. */
    static String forBootstrap(NodeBootstrap node) {
        String kubeconfig = node.role() == NodeBootstrapRole.INIT
                ? BootstrapDefaults.SUPER_ADMIN_KUBECONFIG
                : BootstrapDefaults.ADMIN_KUBECONFIG;
        return Serialization.asYaml(pod(node, kubeconfig));
    }

    /** The manifest of a running control plane: {@code admin.conf}. */
    static String afterInit(NodeBootstrap node) {
        return Serialization.asYaml(pod(node, BootstrapDefaults.ADMIN_KUBECONFIG));
    }

    static Pod pod(NodeBootstrap node, String hostKubeconfig) {
        return new PodBuilder()
                .withNewMetadata().withName("kube-vip").withNamespace("kube-system").endMetadata()
                .withNewSpec()
                .withHostNetwork(true)
                // In control-plane mode kube-vip reaches the local API server as "kubernetes".
                .addNewHostAlias().withIp("127.0.0.1").withHostnames("kubernetes").endHostAlias()
                .addNewContainer()
                .withName("kube-vip")
                .withImage(BootstrapDefaults.KUBE_VIP_IMAGE)
                // Edge sites may be cut off from the registry: use an image the node already has.
                .withImagePullPolicy("IfNotPresent")
                .withArgs("manager")
                .withEnv(environment(node))
                .withNewSecurityContext().withNewCapabilities().withAdd("NET_ADMIN", "NET_RAW").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName("kubeconfig").withMountPath(KUBECONFIG_IN_POD).endVolumeMount()
                .endContainer()
                .addNewVolume().withName("kubeconfig").withNewHostPath().withPath(hostKubeconfig).endHostPath().endVolume()
                .endSpec()
                .build();
    }

    /** kube-vip's settings, named as in its pkg/kubevip/config_envvar.go. */
    private static List<EnvVar> environment(NodeBootstrap node) {
        return List.of(
                env("vip_arp", "true"),
                env("port", String.valueOf(BootstrapDefaults.API_SERVER_PORT)),
                env("vip_interface", BootstrapDefaults.GUEST_INTERFACE),
                env("cp_enable", "true"),
                env("cp_namespace", "kube-system"),
                // Only the lease holder answers ARP for the VIP; the timings are kube-vip's generated defaults.
                env("vip_leaderelection", "true"),
                env("vip_leaseduration", "5"),
                env("vip_renewdeadline", "3"),
                env("vip_retryperiod", "1"),
                // The lease names its holder by node name, which is the microVM id.
                new EnvVarBuilder().withName("vip_nodename").withNewValueFrom().withNewFieldRef()
                        .withFieldPath("spec.nodeName").endFieldRef().endValueFrom().build(),
                // "address" replaces the deprecated "vip_address".
                env("address", node.controlPlaneEndpoint()));
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
