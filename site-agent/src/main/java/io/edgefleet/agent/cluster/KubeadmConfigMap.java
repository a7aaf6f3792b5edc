package io.edgefleet.agent.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code kubernetesVersion} of the {@code ClusterConfiguration} kubeadm keeps in {@code kube-system/kubeadm-config},
 * which {@code kubeadm join --control-plane} deploys the control-plane components of. kubeadm writes that document
 * itself with the field at the top level, one line; only that line is rewritten, the rest stays as kubeadm wrote it.
 */
final class KubeadmConfigMap {
    static final String NAME = "kubeadm-config";
    static final String KEY = "ClusterConfiguration";
    private static final Pattern VERSION_LINE = Pattern.compile("(?m)^kubernetesVersion:[ \\t]*(\\S+)[ \\t]*$");

    private KubeadmConfigMap() {
    }

    /** The version the configuration names; empty when there is no such ConfigMap or line (not kubeadm's). */
    static Optional<String> version(KubernetesClient k) {
        return clusterConfiguration(k).flatMap(KubeadmConfigMap::versionIn);
    }

    /** Names {@code version} in the configuration; a cluster without one is left alone. */
    static void setVersion(KubernetesClient k, String version) {
        ConfigMap map = k.configMaps().inNamespace(Fabric8ClusterAccess.KUBE_SYSTEM).withName(NAME).get();
        if (map == null || map.getData() == null || map.getData().get(KEY) == null) {
            return;
        }
        String rewritten = withVersion(map.getData().get(KEY), version);
        Map<String, String> data = new LinkedHashMap<>(map.getData());
        data.put(KEY, rewritten);
        map.setData(data);
        k.configMaps().inNamespace(Fabric8ClusterAccess.KUBE_SYSTEM).resource(map).update();
    }

    static Optional<String> versionIn(String clusterConfiguration) {
        Matcher m = VERSION_LINE.matcher(clusterConfiguration);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static String withVersion(String clusterConfiguration, String version) {
        return VERSION_LINE.matcher(clusterConfiguration).replaceFirst("kubernetesVersion: " + Matcher.quoteReplacement(version));
    }

    private static Optional<String> clusterConfiguration(KubernetesClient k) {
        ConfigMap map = k.configMaps().inNamespace(Fabric8ClusterAccess.KUBE_SYSTEM).withName(NAME).get();
        return map == null || map.getData() == null ? Optional.empty() : Optional.ofNullable(map.getData().get(KEY));
    }
}
