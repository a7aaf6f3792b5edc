package io.edgefleet.agent.bootstrap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The kubeadm configuration file of a node ({@code kubeadm.k8s.io/v1beta4}, field names as in kubeadm's
 * {@code cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go}): {@code InitConfiguration} and
 * {@code ClusterConfiguration} on the init node, a {@code JoinConfiguration} everywhere else, with a
 * {@code controlPlane} section only on control-plane replicas.
 */
final class KubeadmConfigs {
    static final String API_VERSION = "kubeadm.k8s.io/v1beta4";
    /** The group kubeadm's own default token authenticates as, which its RBAC lets nodes join with. */
    static final String DEFAULT_TOKEN_GROUP = "system:bootstrappers:kubeadm:default-node-token";

    private KubeadmConfigs() {
    }

    /** The file's content: one YAML document per configuration kind. */
    static String render(NodeBootstrap node) {
        return switch (node.role()) {
            case INIT -> Yaml.write(initConfiguration(node)) + "---\n" + Yaml.write(clusterConfiguration(node));
            case JOIN_CONTROL_PLANE, JOIN_WORKER -> Yaml.write(joinConfiguration(node));
        };
    }

    static ObjectNode initConfiguration(NodeBootstrap node) {
        ObjectNode init = header("InitConfiguration");
        ObjectNode token = init.putArray("bootstrapTokens").addObject();
        token.put("token", node.bootstrapToken());
        token.put("description", "joins the nodes of cluster " + node.clusterId());
        token.put("ttl", BootstrapDefaults.BOOTSTRAP_TOKEN_TTL);
        token.set("usages", Yaml.array("signing", "authentication"));
        token.set("groups", Yaml.array(DEFAULT_TOKEN_GROUP));
        init.set("nodeRegistration", nodeRegistration(node));
        init.set("localAPIEndpoint", localApiEndpoint(node));
        // Init uploads the control-plane certificates encrypted with this key (--upload-certs); the other
        // control-plane replicas download them with the same key.
        init.put("certificateKey", node.certificateKey());
        return init;
    }

    static ObjectNode clusterConfiguration(NodeBootstrap node) {
        ObjectNode cluster = header("ClusterConfiguration");
        cluster.put("clusterName", node.clusterId());
        cluster.put("kubernetesVersion", KubeadmVersion.parse(node.kubernetesVersion()).forKubeadm());
        cluster.put("controlPlaneEndpoint", node.apiServerEndpoint());
        cluster.put("certificatesDir", BootstrapDefaults.PKI_DIR);
        cluster.put("encryptionAlgorithm", BootstrapDefaults.ENCRYPTION_ALGORITHM);
        ObjectNode networking = cluster.putObject("networking");
        networking.put("podSubnet", BootstrapDefaults.POD_SUBNET);
        networking.put("serviceSubnet", BootstrapDefaults.SERVICE_SUBNET);
        cluster.putObject("apiServer").set("certSANs", certSans(node));
        return cluster;
    }

    static ObjectNode joinConfiguration(NodeBootstrap node) {
        ObjectNode join = header("JoinConfiguration");
        join.set("nodeRegistration", nodeRegistration(node));
        ObjectNode token = join.putObject("discovery").putObject("bootstrapToken");
        token.put("apiServerEndpoint", node.apiServerEndpoint());
        token.put("token", node.bootstrapToken());
        // The pin on the cluster CA: without it a node would trust whatever answers on the VIP.
        token.set("caCertHashes", Yaml.array(node.caCertHash()));
        if (node.role() == NodeBootstrapRole.JOIN_CONTROL_PLANE) {
            ObjectNode controlPlane = join.putObject("controlPlane");
            controlPlane.set("localAPIEndpoint", localApiEndpoint(node));
            controlPlane.put("certificateKey", node.certificateKey());
        }
        return join;
    }

    private static ObjectNode header(String kind) {
        ObjectNode doc = Yaml.object();
        doc.put("apiVersion", API_VERSION);
        doc.put("kind", kind);
        return doc;
    }

    /** The node is named after its microVM, so the cluster's nodes and the site's microVMs match one to one. */
    private static ObjectNode nodeRegistration(NodeBootstrap node) {
        ObjectNode registration = Yaml.object();
        registration.put("name", node.microVmId());
        return registration;
    }

    private static ObjectNode localApiEndpoint(NodeBootstrap node) {
        ObjectNode endpoint = Yaml.object();
        endpoint.put("advertiseAddress", node.address().ipAddress());
        endpoint.put("bindPort", BootstrapDefaults.API_SERVER_PORT);
        return endpoint;
    }

    /** The VIP first, then every control-plane address, each once (kubeadm adds its own names to these). */
    private static ArrayNode certSans(NodeBootstrap node) {
        Set<String> sans = new LinkedHashSet<>();
        sans.add(node.controlPlaneEndpoint());
        sans.addAll(node.controlPlaneAddresses());
        return Yaml.array(sans.toArray(String[]::new));
    }
}
