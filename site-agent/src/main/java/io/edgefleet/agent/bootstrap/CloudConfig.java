package io.edgefleet.agent.bootstrap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The guest's user-data ({@code #cloud-config}): {@code write_files} lays down the kubeadm configuration, the
 * kube-vip manifest(s) and the PKI files (keys 0600, the rest 0644, all root's), then {@code runcmd} runs
 * kubeadm. cloud-init writes files in its init stage and runs commands in its final stage, so every file is
 * in place before kubeadm starts.
 */
final class CloudConfig {
    static final String HEADER = "#cloud-config\n";
    /** What kubeadm reads holds the token and the certificate key: root only, like the keys. */
    private static final String SECRET_MODE = PkiFiles.KEY_MODE;

    private CloudConfig() {
    }

    static String render(NodeBootstrap node, SeedOptions options) {
        ObjectNode root = Yaml.object();
        ArrayNode files = root.putArray("write_files");
        addFile(files, BootstrapDefaults.KUBEADM_CONFIG_PATH, KubeadmConfigs.render(node), SECRET_MODE);
        if (node.role().controlPlane()) {
            // kubeadm writes its own static pod manifests 0600; this one follows suit.
            addFile(files, BootstrapDefaults.KUBE_VIP_MANIFEST_PATH, KubeVipManifest.forBootstrap(node), SECRET_MODE);
        }
        if (node.role() == NodeBootstrapRole.INIT) {
            addFile(files, BootstrapDefaults.KUBE_VIP_AFTER_INIT_PATH, KubeVipManifest.afterInit(node), SECRET_MODE);
        }
        for (Map.Entry<String, String> pki : node.pkiFiles().entrySet()) {
            addFile(files, BootstrapDefaults.PKI_DIR + "/" + pki.getKey(), pki.getValue(), PkiFiles.mode(pki.getKey()));
        }
        root.set("runcmd", Yaml.array(bootstrapCommand(node)));
        if (options.powerOffWhenDone()) {
            root.set("power_state", powerOff());
        }
        return HEADER + Yaml.write(root);
    }

    /**
     * The one shell command that bootstraps the node. On the init node, kube-vip moves to {@code admin.conf}
     * only if init succeeded (see {@link KubeVipManifest}); the kubelet restarts it from the new manifest.
     */
    static String bootstrapCommand(NodeBootstrap node) {
        String config = BootstrapDefaults.KUBEADM_CONFIG_PATH;
        return switch (node.role()) {
            case INIT -> "kubeadm init --config " + config + " --upload-certs"
                    + " && install -m " + SECRET_MODE + " " + BootstrapDefaults.KUBE_VIP_AFTER_INIT_PATH
                    + " " + BootstrapDefaults.KUBE_VIP_MANIFEST_PATH;
            case JOIN_CONTROL_PLANE, JOIN_WORKER -> "kubeadm join --config " + config;
        };
    }

    private static void addFile(ArrayNode files, String path, String content, String mode) {
        ObjectNode file = files.addObject();
        file.put("path", path);
        file.put("content", content);
        file.put("owner", "root:root");
        file.put("permissions", mode);
    }

    private static ObjectNode powerOff() {
        ObjectNode power = Yaml.object();
        power.put("mode", "poweroff");
        power.put("delay", "now");
        power.put("message", "bootstrap done, powering off");
        power.put("condition", true);
        return power;
    }
}
