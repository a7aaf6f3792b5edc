package io.edgefleet.agent.cluster;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Kubernetes Pod of a network-function replica, with Guaranteed QoS: requests equal limits in every
 * resource, whole CPUs, so the kubelet's static CPU manager pins exclusive cores and the topology manager
 * keeps cores, hugepages and VFs on one NUMA node. Its VFs come with the Multus networks it names, which
 * must exist in its namespace before the pod is admitted.
 */
public final class NfPodManifest {
    private NfPodManifest() {
    }

    /** The Kubernetes Pod of a network-function replica. */
    public static Pod of(NfPod pod) {
        Map<String, Quantity> resources = new LinkedHashMap<>();
        resources.put("cpu", new Quantity(Integer.toString(pod.cpus())));
        resources.put("memory", new Quantity(pod.memoryMib() + "Mi"));
        if (pod.hugepages1Gi() > 0) {
            resources.put("hugepages-1Gi", new Quantity(pod.hugepages1Gi() + "Gi"));
        }
        pod.sriovResources().forEach((name, vfs) -> resources.put(name, new Quantity(Integer.toString(vfs))));
        ContainerBuilder container = new ContainerBuilder()
                .withName(pod.kind().name().toLowerCase(Locale.ROOT))
                .withImage(pod.image())
                .withNewResources().withRequests(resources).withLimits(resources).endResources();
        PodBuilder builder = new PodBuilder().withNewMetadata()
                .withName(pod.name()).withNamespace(pod.namespace())
                .addToLabels(NfPods.MANAGED_BY, NfPods.MANAGER)
                .addToLabels(NfPods.NF_ID, pod.nfId())
                .addToLabels(NfPods.NF_REPLICA, Integer.toString(pod.replica()))
                .addToAnnotations(NfPods.SPEC_HASH, pod.specHash())
                .addToAnnotations("edgefleet.io/numa-node", Integer.toString(pod.numaNode()))
                .addToAnnotations("edgefleet.io/pinned-cores", pod.pinnedCores().stream().map(String::valueOf)
                        .collect(Collectors.joining(",")))
                .endMetadata()
                .withNewSpec()
                .withNodeSelector(Map.of("kubernetes.io/hostname", pod.nodeName()))
                // no effect named: tolerates both the bare-metal workers' PreferNoSchedule and the NF hosts' NoSchedule
                .addNewToleration().withKey(NodeRoles.NF_TAINT.key()).withOperator("Equal")
                .withValue(NodeRoles.NF_TAINT.value()).endToleration()
                .withRestartPolicy("Always")
                .endSpec();
        if (!pod.networks().isEmpty()) {
            builder.editMetadata().addToAnnotations(NfPods.NETWORKS_ANNOTATION, String.join(",", pod.networks()))
                    .endMetadata();
        }
        if (pod.hugepages1Gi() > 0) {
            container.addNewVolumeMount().withName("hugepages").withMountPath("/dev/hugepages").endVolumeMount();
            builder.editSpec().addNewVolume().withName("hugepages").withNewEmptyDir().withMedium("HugePages-1Gi")
                    .endEmptyDir().endVolume().endSpec();
        }
        return builder.editSpec().withContainers(container.build()).endSpec().build();
    }
}
