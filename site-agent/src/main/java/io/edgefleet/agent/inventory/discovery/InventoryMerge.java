package io.edgefleet.agent.inventory.discovery;

import io.edgefleet.agent.inventory.Host;
import io.edgefleet.agent.inventory.NumaNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One host as the agent offers it: what the host itself says (NUMA nodes, physical cores, memory,
 * 1 GiB hugepages, VF counts) wins; the inventory file gives what the host cannot know (failure
 * domain, state, capabilities, system reserve, allocation ratio, disk, and the physical network
 * of each SR-IOV physical function). Every place where the file says otherwise than the host is
 * listed, so an operator sees a stale or mistyped file instead of wondering about placement.
 */
public final class InventoryMerge {

    /**
     * @param host        the host to offer
     * @param differences where the file disagrees with the host, or the host has what the file
     *                    does not name, one sentence each; empty when they agree
     */
    public record Merged(Host host, List<String> differences) {
        public Merged {
            differences = List.copyOf(differences);
        }
    }

    private InventoryMerge() {
    }

    public static Merged merge(Host declared, DiscoveredHost found) {
        List<String> differences = new ArrayList<>();
        Map<Integer, NumaNode> fileNodes = declared.numaNodes().stream()
                .collect(Collectors.toMap(NumaNode::id, Function.identity()));
        Map<Integer, Map<String, Integer>> vfs = vfsByNode(declared, found, fileNodes, differences);
        List<NumaNode> nodes = new ArrayList<>();
        for (DiscoveredNumaNode n : found.numaNodes()) {
            nodes.add(new NumaNode(n.id(), n.physicalCores(), n.memoryMib(), n.hugepages1Gi(),
                    vfs.getOrDefault(n.id(), Map.of()), n.coreIds()));
        }
        if (!fileNodes.isEmpty()) {
            compare(fileNodes, nodes, differences);
        }
        Host merged = declared.withNumaNodes(nodes);
        if (declared.reserved().cores() > merged.totalCores()) {
            throw new DiscoveryException("host " + declared.id() + ": the inventory file reserves "
                    + declared.reserved().cores() + " cores but the host has " + merged.totalCores()
                    + " physical cores");
        }
        return new Merged(merged, differences);
    }

    /**
     * VFs per node and physnet: each PF's enabled VFs under the physnet the file names for it. A file
     * naming no PF at all (older files) keeps its own per-node VF counts: only it knows the names.
     */
    private static Map<Integer, Map<String, Integer>> vfsByNode(Host declared, DiscoveredHost found,
                                                                Map<Integer, NumaNode> fileNodes,
                                                                List<String> differences) {
        Map<Integer, Map<String, Integer>> out = new TreeMap<>();
        Map<String, String> physnets = declared.physnetsByPf();
        if (physnets.isEmpty()) {
            fileNodes.forEach((id, n) -> out.put(id, n.vfsByPhysnet()));
            found.pfs().stream().filter(pf -> pf.vfs() > 0).forEach(pf -> differences.add("SR-IOV PF " + pf.name()
                    + " has " + pf.vfs() + " VFs on NUMA node " + pf.numaNode() + ", but the file has no physnetsByPf,"
                    + " so the file's vfsByPhysnet are offered unchanged (name the PF's physnet to offer what it has)"));
            return out;
        }
        for (SriovPf pf : found.pfs()) {
            String physnet = physnets.get(pf.name());
            if (physnet == null) {
                if (pf.vfs() > 0) {
                    differences.add("SR-IOV PF " + pf.name() + " has " + pf.vfs() + " VFs on NUMA node "
                            + pf.numaNode() + " but physnetsByPf names no physnet for it: its VFs are not offered");
                }
                continue;
            }
            if (pf.vfs() == 0) {
                differences.add("SR-IOV PF " + pf.name() + " (" + physnet + ") has none of its " + pf.totalVfs()
                        + " VFs enabled (sriov_numvfs is 0): it offers no VF");
            }
            out.computeIfAbsent(pf.numaNode(), k -> new TreeMap<>()).merge(physnet, pf.vfs(), Integer::sum);
        }
        physnets.keySet().stream().filter(name -> found.pfs().stream().noneMatch(pf -> pf.name().equals(name)))
                .forEach(name -> differences.add("physnetsByPf names " + name + " (" + physnets.get(name)
                        + ") but the host has no SR-IOV PF of that name"));
        return out;
    }

    private static void compare(Map<Integer, NumaNode> fileNodes, List<NumaNode> found, List<String> differences) {
        Map<Integer, NumaNode> byId = found.stream().collect(Collectors.toMap(NumaNode::id, Function.identity()));
        if (!fileNodes.keySet().equals(byId.keySet())) {
            differences.add("the file lists NUMA nodes " + new TreeMap<>(fileNodes).keySet() + ", the host has "
                    + new TreeMap<>(byId).keySet());
        }
        for (NumaNode f : new TreeMap<>(fileNodes).values()) {
            Optional.ofNullable(byId.get(f.id())).ifPresent(h -> {
                String at = "NUMA node " + f.id() + ": ";
                differ(differences, at + "cores", f.cores(), h.cores());
                differ(differences, at + "memoryMib", f.memoryMib(), h.memoryMib());
                differ(differences, at + "hugepages1Gi", f.hugepages1Gi(), h.hugepages1Gi());
                differ(differences, at + "vfsByPhysnet", new TreeMap<>(f.vfsByPhysnet()), new TreeMap<>(h.vfsByPhysnet()));
            });
        }
    }

    private static void differ(List<String> differences, String what, Object file, Object host) {
        if (!Objects.equals(file, host)) {
            differences.add(what + " is " + file + " in the file, " + host + " on the host");
        }
    }
}
