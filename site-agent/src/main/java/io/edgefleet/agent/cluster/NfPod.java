package io.edgefleet.agent.cluster;

import io.edgefleet.events.request.NetworkFunctionKind;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pod of one network-function replica, ready to be written as a Kubernetes Pod with
 * Guaranteed QoS: every resource below is both request and limit.
 *
 * @param name            pod name (DNS-1123)
 * @param namespace       its namespace
 * @param nfId            the network function
 * @param replica         replica index
 * @param kind            UPF, DU or CU
 * @param nodeName        the node it must run on (the host the plan chose)
 * @param image           container image
 * @param cpus            whole CPUs (the static CPU manager pins exactly this many cores)
 * @param memoryMib       ordinary memory, MiB
 * @param hugepages1Gi    1 GiB hugepages
 * @param sriovResources  SR-IOV device-plugin resource name → VFs
 * @param numaNode        the NUMA node the plan took everything from (annotation)
 * @param pinnedCores     the cores the plan reserved (annotation)
 * @param networks        Multus network attachments, one per VF
 * @param specHash        hash of everything above, to detect a changed plan
 */
public record NfPod(String name, String namespace, String nfId, int replica, NetworkFunctionKind kind, String nodeName,
                    String image, int cpus, long memoryMib, int hugepages1Gi, Map<String, Integer> sriovResources,
                    int numaNode, List<Integer> pinnedCores, List<String> networks, String specHash) {
    public NfPod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nodeName, "nodeName");
        if (cpus < 1) {
            throw new IllegalArgumentException("pod " + name + " needs at least one whole CPU");
        }
        sriovResources = Map.copyOf(sriovResources);
        pinnedCores = List.copyOf(pinnedCores);
        networks = List.copyOf(networks);
    }
}
