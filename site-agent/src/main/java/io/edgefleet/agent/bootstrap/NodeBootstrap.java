package io.edgefleet.agent.bootstrap;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything one microVM's seed is rendered from: which cluster, which role in it, its address, the cluster's
 * API endpoint and the secrets kubeadm needs. Checked when made: a value that is missing or misshapen for
 * the role fails here, naming the field (never its value).
 *
 * <p>Holds secrets (token, certificate key, private keys), so {@link #toString()} shows none of them.
 *
 * @param clusterId             the cluster (also kubeadm's cluster name)
 * @param microVmId             the microVM; its host name and Kubernetes node name
 * @param role                  what kubeadm does here
 * @param kubernetesVersion     {@code 1.31} or {@code v1.31.2}; 1.31 or newer
 * @param address               the node's management address
 * @param controlPlaneEndpoint  the cluster's virtual IP, without port; kube-vip holds it on the control plane
 * @param controlPlaneAddresses every control-plane address, for the API server certificate's SANs
 * @param bootstrapToken        {@code [a-z0-9]{6}.[a-z0-9]{16}}: made by init, used by every join
 * @param certificateKey        64 hex digits: encrypts the control-plane certificates init uploads; control plane only
 * @param caCertHash            {@code sha256:<hex>} of the cluster CA's SubjectPublicKeyInfo; joins pin it
 * @param pkiFiles              path relative to {@code /etc/kubernetes/pki} -> PEM content
 */
public record NodeBootstrap(String clusterId, String microVmId, NodeBootstrapRole role, String kubernetesVersion,
                            NodeAddress address, String controlPlaneEndpoint, List<String> controlPlaneAddresses,
                            String bootstrapToken, String certificateKey, String caCertHash,
                            Map<String, String> pkiFiles) {
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9]{6}\\.[a-z0-9]{16}");
    private static final Pattern CERTIFICATE_KEY = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern CA_CERT_HASH = Pattern.compile("sha256:[0-9a-f]{64}");

    public NodeBootstrap {
        Inputs.dnsLabel(clusterId, "clusterId");
        Inputs.dnsLabel(microVmId, "microVmId");
        Inputs.required(role, "role");
        KubeadmVersion.parse(kubernetesVersion);
        Inputs.required(address, "address");
        Inputs.ipv4(controlPlaneEndpoint, "controlPlaneEndpoint");
        controlPlaneAddresses = List.copyOf(Inputs.required(controlPlaneAddresses, "controlPlaneAddresses"));
        controlPlaneAddresses.forEach(a -> Inputs.ipv4(a, "controlPlaneAddresses[]"));
        Inputs.matching(bootstrapToken, TOKEN, "bootstrapToken", "[a-z0-9]{6}.[a-z0-9]{16}");
        pkiFiles = PkiFiles.checked(pkiFiles, role);
        if (role.controlPlane()) {
            checkControlPlane(address, controlPlaneEndpoint, certificateKey);
        } else if (certificateKey != null) {
            throw new IllegalArgumentException("certificateKey must be absent on a worker (it unlocks the control-plane keys)");
        }
        if (role != NodeBootstrapRole.INIT) {
            Inputs.matching(caCertHash, CA_CERT_HASH, "caCertHash", "sha256: and 64 lower-case hex digits");
        }
    }

    private static void checkControlPlane(NodeAddress address, String vip, String certificateKey) {
        Inputs.matching(certificateKey, CERTIFICATE_KEY, "certificateKey", "64 hex digits");
        // kube-vip announces the VIP by ARP on the node's interface: it must be another address of that network.
        if (vip.equals(address.ipAddress()) || !Inputs.sameNetwork(vip, address.ipAddress(), address.prefixLength())) {
            throw new IllegalArgumentException("controlPlaneEndpoint must be another address of the node's network");
        }
    }

    /** The API server endpoint every node reaches the cluster at: the VIP and the API port. */
    public String apiServerEndpoint() {
        return controlPlaneEndpoint + ":" + BootstrapDefaults.API_SERVER_PORT;
    }

    @Override
    public String toString() {
        return "NodeBootstrap[clusterId=" + clusterId + ", microVmId=" + microVmId + ", role=" + role
                + ", kubernetesVersion=" + kubernetesVersion + ", address=" + address
                + ", controlPlaneEndpoint=" + controlPlaneEndpoint + ", controlPlaneAddresses=" + controlPlaneAddresses
                + ", caCertHash=" + caCertHash + ", pkiFiles=" + pkiFiles.keySet() + " (secrets not shown)]";
    }
}
