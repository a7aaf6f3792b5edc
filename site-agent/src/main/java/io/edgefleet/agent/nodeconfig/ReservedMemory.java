package io.edgefleet.agent.nodeconfig;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kubelet's {@code reservedMemory}: how much ordinary memory of each NUMA node the Static memory manager
 * keeps from Guaranteed pods.
 *
 * <p>The kubelet refuses to start unless, per memory type, the reservations of all NUMA nodes add up to
 * kube-reserved + system-reserved + the hard eviction threshold (kubernetes.io, "Utilizing the NUMA-aware
 * Memory Manager", reserved memory flag). Only the {@code memory} type is reserved here: nothing reserves
 * hugepages, so their sum is 0 and they must not be listed (a zero limit is refused as well).
 *
 * <p>The total is split in proportion to each node's ordinary memory: the host's daemons and its microVMs
 * take memory from every node (threads allocate where they run, and both run on all nodes), so each node
 * keeps the same fraction for pods. Rounding leftovers go to the largest node.
 */
public final class ReservedMemory {
    private ReservedMemory() {
    }

    /** MiB reserved per NUMA node id, nodes with nothing to reserve left out. */
    public static Map<Integer, Long> split(String hostId, List<NodeNuma> nodes, MemoryReserve reserve) {
        long total = reserve.totalMib();
        long ordinary = nodes.stream().mapToLong(NodeNuma::ordinaryMemoryMib).sum();
        if (total > ordinary) {
            throw new IllegalArgumentException("host " + hostId + ": reservedMemory: kubeReserved + systemReserved"
                    + " + evictionHard (" + total + " MiB) exceed the host's ordinary memory (" + ordinary + " MiB)");
        }
        Map<Integer, Long> byNode = new TreeMap<>();
        NodeNuma largest = nodes.get(0);
        long given = 0;
        for (NodeNuma n : nodes) {
            long share = ordinary == 0 ? 0 : Math.floorDiv(Math.multiplyExact(total, n.ordinaryMemoryMib()), ordinary);
            byNode.put(n.id(), share);
            given += share;
            if (n.ordinaryMemoryMib() > largest.ordinaryMemoryMib()) {
                largest = n;
            }
        }
        byNode.merge(largest.id(), total - given, Long::sum);
        byNode.values().removeIf(mib -> mib == 0);
        requireBalanced(hostId, nodes, reserve, byNode);
        return byNode;
    }

    /**
     * The kubelet's start-up rule, checked before a configuration leaves the agent: the nodes' reservations
     * add up to {@link MemoryReserve#totalMib()}, each is above zero, names a node the host has and fits
     * into that node's ordinary memory.
     */
    public static void requireBalanced(String hostId, List<NodeNuma> nodes, MemoryReserve reserve,
                                       Map<Integer, Long> byNode) {
        Map<Integer, NodeNuma> known = new TreeMap<>();
        nodes.forEach(n -> known.put(n.id(), n));
        long sum = 0;
        for (Map.Entry<Integer, Long> e : byNode.entrySet()) {
            NodeNuma node = known.get(e.getKey());
            String where = "host " + hostId + ": reservedMemory[numaNode=" + e.getKey() + "]: ";
            if (node == null) {
                throw new IllegalArgumentException(where + "the host has no such NUMA node (it has " + known.keySet() + ")");
            }
            if (e.getValue() <= 0) {
                throw new IllegalArgumentException(where + "limits.memory must be above 0, got " + e.getValue() + " MiB");
            }
            if (e.getValue() > node.ordinaryMemoryMib()) {
                throw new IllegalArgumentException(where + e.getValue() + " MiB exceed the node's ordinary memory ("
                        + node.ordinaryMemoryMib() + " MiB)");
            }
            sum += e.getValue();
        }
        if (sum != reserve.totalMib()) {
            throw new IllegalArgumentException("host " + hostId + ": reservedMemory: the NUMA nodes reserve " + sum
                    + " MiB in total but kubeReserved (" + reserve.kubeMib() + ") + systemReserved ("
                    + reserve.systemReservedMib() + ") + evictionHard memory.available (" + reserve.evictionHardMib()
                    + ") = " + reserve.totalMib() + " MiB; the kubelet's Static memory manager refuses to start");
        }
    }
}
