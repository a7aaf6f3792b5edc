package io.edgefleet.agent.nodeconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.edgefleet.agent.driver.host.CpuList;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The kubelet settings that let network functions have pinned cores, memory and VFs of one NUMA node, as a
 * {@code kubelet.config.k8s.io/v1beta1} KubeletConfiguration file for the kubelet's drop-in directory
 * ({@code --config-dir}, see {@link KubeletDropIn}): it holds only what pinning needs and is merged over the
 * node's base configuration (kubeadm's), which keeps authentication, cluster DNS and the cgroup driver.
 *
 * <ul>
 *   <li>{@code cpuManagerPolicy: static}: a Guaranteed pod with whole CPUs gets those CPUs exclusively.</li>
 *   <li>{@code reservedSystemCPUs}: the system's reserve and the microVM cpuset. Neither is the kubelet's to
 *       hand out, so what is left for exclusive CPUs is exactly the cores the plan pins to network functions
 *       (the static policy needs a non-empty reserve).</li>
 *   <li>{@code memoryManagerPolicy: Static} with {@code reservedMemory} per NUMA node ({@link ReservedMemory}):
 *       a pod's memory and hugepages come from the NUMA node of its CPUs.</li>
 *   <li>{@code topologyManagerPolicy: single-numa-node}: a pod whose CPUs, memory, hugepages and VFs cannot all
 *       come from one NUMA node is rejected at admission (placement rule 2), not started badly aligned.</li>
 *   <li>{@code topologyManagerScope: pod}: the default scope, {@code container}, aligns each container on its
 *       own, so two containers of one replica (say the NF and a sidecar) could land on different NUMA nodes.
 *       With {@code pod} the whole replica is aligned to one node, which is what placement promised.</li>
 *   <li>{@code systemReserved}/{@code kubeReserved} memory and {@code evictionHard}: Node Allocatable, without
 *       the microVMs' memory. Only memory: with {@code reservedSystemCPUs} set, the kubelet takes the CPU
 *       reserve from that list. All four default eviction signals are repeated, because a file that sets
 *       {@code evictionHard} replaces the defaults, and a signal left out would no longer evict.</li>
 * </ul>
 * No {@code featureGates}: the oldest Kubernetes the fleet runs (1.31) has the CPU manager and topology
 * manager generally available, the memory manager and the drop-in directory beta and on by default.
 */
public final class KubeletPinningConfig {
    static final String API_VERSION = "kubelet.config.k8s.io/v1beta1";
    static final String KIND = "KubeletConfiguration";

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build());

    private KubeletPinningConfig() {
    }

    /** The configuration as a tree (field names as the API spells them). */
    public static ObjectNode tree(NodeHost host) {
        String reservedCpus = reservedSystemCpus(host);
        Map<Integer, Long> reservedMemory = ReservedMemory.split(host.hostId(), host.numaNodes(), host.memory());
        MemoryReserve memory = host.memory();

        ObjectNode config = YAML.createObjectNode();
        config.put("apiVersion", API_VERSION);
        config.put("kind", KIND);
        config.put("cpuManagerPolicy", "static");
        config.put("reservedSystemCPUs", reservedCpus);
        config.put("memoryManagerPolicy", "Static");
        config.put("topologyManagerPolicy", "single-numa-node");
        config.put("topologyManagerScope", "pod");
        config.putObject("systemReserved").put("memory", mib(memory.systemReservedMib()));
        config.putObject("kubeReserved").put("memory", mib(memory.kubeMib()));
        ObjectNode eviction = config.putObject("evictionHard");
        eviction.put("memory.available", mib(memory.evictionHardMib()));
        eviction.put("nodefs.available", "10%");
        eviction.put("nodefs.inodesFree", "5%");
        eviction.put("imagefs.available", "15%");
        ArrayNode perNode = config.putArray("reservedMemory");
        reservedMemory.forEach((node, mib) -> {
            ObjectNode entry = perNode.addObject();
            entry.put("numaNode", node);
            entry.putObject("limits").put("memory", mib(mib));
        });
        return config;
    }

    /** The configuration file's text. */
    public static String yaml(NodeHost host) {
        try {
            return YAML.writeValueAsString(tree(host));
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always serialises; the message is left out as it may quote the tree.
            throw new IllegalStateException("could not write the kubelet configuration: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The system's reserve and the microVM cpuset as one kernel CPU list ({@code 0-3,8}); both must be online
     * CPUs of the host and the reserve must not be empty.
     */
    static String reservedSystemCpus(NodeHost host) {
        SortedSet<Integer> online = host.onlineCpus();
        SortedSet<Integer> reserved = new TreeSet<>(host.systemReservedCpus());
        reserved.addAll(host.microVmCpus());
        if (reserved.isEmpty()) {
            throw new IllegalArgumentException("host " + host.hostId() + ": reservedSystemCPUs: the static CPU manager"
                    + " needs at least one reserved CPU; the host reserves no core and runs no microVM cores");
        }
        SortedSet<Integer> unknown = new TreeSet<>(reserved);
        unknown.removeAll(online);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("host " + host.hostId() + ": reservedSystemCPUs: CPUs "
                    + CpuList.format(unknown) + " are not online on the host (online: " + CpuList.format(online) + ")");
        }
        return CpuList.format(reserved);
    }

    private static String mib(long mib) {
        return mib + "Mi";
    }
}
