package io.edgefleet.agent.nodeconfig;

import java.util.Objects;

/**
 * The systemd drop-in that makes the kubelet read the pinning configuration ({@link KubeletPinningConfig}).
 *
 * <p>kubeadm's own drop-in ({@code 10-kubeadm.conf}, from the kubelet package) starts the kubelet with
 * {@code $KUBELET_CONFIG_ARGS}, which it sets to {@code --config=/var/lib/kubelet/config.yaml}. This drop-in,
 * sorted after it, sets that variable again: the same base file with {@code --config=}, plus
 * {@code --config-dir=} naming the directory the pinning file lives in. The kubelet merges the directory's
 * {@code *.conf} files over the base file in name order. Pointing {@code --config=} at the pinning file alone
 * would drop what kubeadm configured there (authentication, cluster DNS, cgroup driver); rewriting kubeadm's
 * file would be undone by the next {@code kubeadm upgrade node}.
 *
 * @param baseConfig the node's base configuration, kubeadm's
 * @param configDir  the kubelet's drop-in configuration directory
 */
public record KubeletDropIn(String baseConfig, String configDir) {
    /** Where the drop-in is written. */
    public static final String PATH = "/etc/systemd/system/kubelet.service.d/20-edgefleet.conf";
    /** kubeadm writes the kubelet's base configuration here. */
    public static final String KUBEADM_CONFIG = "/var/lib/kubelet/config.yaml";
    /** The kubelet documentation's example directory; its files must end in {@code .conf}. */
    public static final String CONFIG_DIR = "/etc/kubernetes/kubelet.conf.d";
    /** The pinning configuration file inside {@link #CONFIG_DIR}. */
    public static final String PINNING_FILE = "50-edgefleet-pinning.conf";

    public KubeletDropIn {
        requirePath("baseConfig", baseConfig);
        requirePath("configDir", configDir);
    }

    /** The kubeadm layout. */
    public static KubeletDropIn kubeadm() {
        return new KubeletDropIn(KUBEADM_CONFIG, CONFIG_DIR);
    }

    /** Full path of the pinning configuration file. */
    public String pinningFile() {
        return configDir + "/" + PINNING_FILE;
    }

    /** The unit drop-in's text. */
    public String text() {
        return "# Written by the edgefleet site agent: the kubelet reads kubeadm's configuration and, merged over it,\n"
                + "# the pinning settings for network functions in " + pinningFile() + ".\n"
                + "[Service]\n"
                + "Environment=\"KUBELET_CONFIG_ARGS=--config=" + baseConfig + " --config-dir=" + configDir + "\"\n";
    }

    private static void requirePath(String field, String path) {
        Objects.requireNonNull(path, field);
        // The value sits inside a quoted Environment= assignment: no quotes, spaces or line breaks.
        if (!path.matches("/[A-Za-z0-9._/-]+")) {
            throw new IllegalArgumentException(field + ": '" + path + "' must be an absolute path of letters, digits, . _ - /");
        }
    }
}
