package io.edgefleet.agent.bootstrap;

/**
 * The values a node's bootstrap takes when nobody says otherwise, in one place so an operator finds them:
 * cluster networking, the API port, where kubeadm and kube-vip read their files in the guest, and the kube-vip
 * image.
 */
public final class BootstrapDefaults {
    /** Pod network of every cluster; microVM clusters are isolated from each other, so they can share it. */
    public static final String POD_SUBNET = "10.244.0.0/16";
    /** Service network of every cluster (kubeadm's own default). */
    public static final String SERVICE_SUBNET = "10.96.0.0/12";
    /** The API server's port on every control-plane node and on the virtual IP. */
    public static final int API_SERVER_PORT = 6443;
    /** How long the cluster's bootstrap token lives after {@code kubeadm init} (a Go duration, kubeadm's default). */
    public static final String BOOTSTRAP_TOKEN_TTL = "24h0m0s";
    /** Our cluster CAs are ECDSA P-256, so kubeadm must make every certificate it still signs the same kind. */
    public static final String ENCRYPTION_ALGORITHM = "ECDSA-P256";
    /** The oldest Kubernetes whose kubeadm reads the {@code kubeadm.k8s.io/v1beta4} configuration we write. */
    public static final int OLDEST_KUBERNETES_MINOR = 31;

    /** The guest's only interface: the drivers name it so (by MAC) and kube-vip announces the VIP on it. */
    public static final String GUEST_INTERFACE = "eth0";
    /** kube-vip's image; pinned so every control-plane node of a site runs the same one. */
    public static final String KUBE_VIP_IMAGE = "ghcr.io/kube-vip/kube-vip:v1.0.4";

    /** Guest paths. */
    public static final String PKI_DIR = "/etc/kubernetes/pki";
    public static final String KUBEADM_CONFIG_PATH = "/etc/kubernetes/kubeadm/kubeadm.yaml";
    public static final String KUBE_VIP_MANIFEST_PATH = "/etc/kubernetes/manifests/kube-vip.yaml";
    /** On the init node, the kube-vip manifest that replaces the bootstrap one once {@code kubeadm init} has succeeded. */
    public static final String KUBE_VIP_AFTER_INIT_PATH = "/etc/kubernetes/kube-vip/kube-vip-after-init.yaml";
    public static final String ADMIN_KUBECONFIG = "/etc/kubernetes/admin.conf";
    public static final String SUPER_ADMIN_KUBECONFIG = "/etc/kubernetes/super-admin.conf";

    private BootstrapDefaults() {
    }
}
