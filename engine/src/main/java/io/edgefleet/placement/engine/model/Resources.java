package io.edgefleet.placement.engine.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An amount of host resources.
 *
 * @param vcpu        shared vCPUs (microVMs; overcommitted up to the host's allocation ratio)
 * @param pinnedCores exclusive physical cores (network functions)
 * @param memoryMib   normal-page memory
 * @param hugepages   1 GiB hugepages
 * @param vfs         SR-IOV virtual functions per physnet
 * @param diskGib     local disk
 */
public record Resources(int vcpu, int pinnedCores, long memoryMib, int hugepages,
                        Map<String, Integer> vfs, long diskGib) {

    /** Nothing. */
    public static final Resources ZERO = new Resources(0, 0, 0, 0, Map.of(), 0);

    public Resources {
        vfs = Map.copyOf(Objects.requireNonNull(vfs, "vfs"));
        if (vcpu < 0 || pinnedCores < 0 || memoryMib < 0 || hugepages < 0 || diskGib < 0
                || vfs.values().stream().anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException("resources must be >= 0: " + vcpu + "/" + pinnedCores
                    + "/" + memoryMib + "/" + hugepages + "/" + vfs + "/" + diskGib);
        }
    }

    /** Size of a microVM: shared vCPUs, memory, disk. */
    public static Resources microVm(int vcpu, long memoryMib, long diskGib) {
        return new Resources(vcpu, 0, memoryMib, 0, Map.of(), diskGib);
    }

    /** Size of a network-function replica, all taken from one NUMA node. */
    public static Resources pinned(int cores, long memoryMib, int hugepages, Map<String, Integer> vfs) {
        return new Resources(0, cores, memoryMib, hugepages, vfs, 0);
    }

    /** Component-wise sum. */
    public Resources plus(Resources o) {
        Map<String, Integer> v = new HashMap<>(vfs);
        o.vfs.forEach((k, n) -> v.merge(k, n, Integer::sum));
        return new Resources(vcpu + o.vcpu, pinnedCores + o.pinnedCores, memoryMib + o.memoryMib,
                hugepages + o.hugepages, v, diskGib + o.diskGib);
    }

    /** This amount {@code n} times. */
    public Resources times(int n) {
        Map<String, Integer> v = new HashMap<>();
        vfs.forEach((k, c) -> v.put(k, c * n));
        return new Resources(vcpu * n, pinnedCores * n, memoryMib * n, hugepages * n, v, diskGib * n);
    }

    /** Short human form, e.g. {@code 4 vCPU, 8192 MiB, 20 GiB disk}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        append(sb, vcpu, " vCPU");
        append(sb, pinnedCores, " pinned cores");
        append(sb, memoryMib, " MiB");
        append(sb, hugepages, " hugepages");
        vfs.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> append(sb, e.getValue(), " VFs on " + e.getKey()));
        append(sb, diskGib, " GiB disk");
        return sb.length() == 0 ? "nothing" : sb.toString();
    }

    private static void append(StringBuilder sb, long n, String unit) {
        if (n > 0) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(n).append(unit);
        }
    }
}
