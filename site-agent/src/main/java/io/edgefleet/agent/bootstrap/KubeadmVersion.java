package io.edgefleet.agent.bootstrap;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster's Kubernetes version as the project writes it ({@code 1.31}, {@code v1.31.2}) and as kubeadm reads
 * it. kubeadm takes a full version ({@code v1.31.2}) as is, and anything else as the name of a release label it
 * looks up; {@code stable-1.31} is the label of the newest patch of 1.31 (a node that cannot reach the label
 * falls back to its kubeadm's own version, which is what the image carries).
 */
record KubeadmVersion(int minor, String patchAndSuffix) {
    private static final Pattern VERSION = Pattern.compile("v?1\\.(\\d{1,3})(\\.\\d{1,3}(-[0-9A-Za-z.]+)?)?");

    static KubeadmVersion parse(String version) {
        Matcher m = version == null ? null : VERSION.matcher(version);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("kubernetesVersion must look like 1.31 or v1.31.2");
        }
        int minor = Integer.parseInt(m.group(1));
        if (minor < BootstrapDefaults.OLDEST_KUBERNETES_MINOR) {
            throw new IllegalArgumentException("kubernetesVersion must be 1." + BootstrapDefaults.OLDEST_KUBERNETES_MINOR
                    + " or newer (its kubeadm reads the kubeadm.k8s.io/v1beta4 configuration)");
        }
        return new KubeadmVersion(minor, m.group(2));
    }

    /** The value of {@code ClusterConfiguration.kubernetesVersion}. */
    String forKubeadm() {
        return patchAndSuffix == null ? "stable-1." + minor : "v1." + minor + patchAndSuffix;
    }
}
