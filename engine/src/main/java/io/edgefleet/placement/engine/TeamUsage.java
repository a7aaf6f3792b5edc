package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Resources;

/**
 * What a team holds (fleet-wide when the service sums all sites, or within one decision).
 *
 * @param vcpu           shared vCPUs of microVMs
 * @param memoryMib      memory of microVMs (control planes and microVM workers)
 * @param pinnedCores    pinned cores of NF replicas
 * @param hugepages      1 GiB hugepages of NF replicas
 * @param bareMetalHosts whole hosts held as bare-metal workers
 * @param clusters       live clusters (a decision that creates one counts 1)
 */
public record TeamUsage(long vcpu, long memoryMib, long pinnedCores, long hugepages,
                        long bareMetalHosts, long clusters) {

    /** Nothing held. */
    public static final TeamUsage NONE = new TeamUsage(0, 0, 0, 0, 0, 0);

    /** Sum of the allocations of {@code team} among {@code allocations}. */
    public static TeamUsage of(String team, Iterable<Allocation> allocations) {
        TeamUsage u = NONE;
        for (Allocation a : allocations) {
            if (a.team().equals(team)) {
                u = u.plus(a, 1);
            }
        }
        return u;
    }

    /** This usage with {@code a} added ({@code sign} = 1) or removed ({@code sign} = -1). */
    public TeamUsage plus(Allocation a, int sign) {
        if (a.kind() == HolderKind.WORKER_BAREMETAL) {
            return new TeamUsage(vcpu, memoryMib, pinnedCores, hugepages, bareMetalHosts + sign, clusters);
        }
        Resources r = a.resources();
        // Memory counts microVMs only (the quota contract): an NF replica's memory goes with its
        // pinned cores and hugepages, which have limits of their own.
        long mib = a.kind() == HolderKind.NF_REPLICA ? 0 : r.memoryMib();
        return new TeamUsage(vcpu + sign * r.vcpu(), memoryMib + sign * mib,
                pinnedCores + sign * r.pinnedCores(), hugepages + sign * r.hugepages(),
                bareMetalHosts, clusters);
    }

    /** Component-wise sum. */
    public TeamUsage plus(TeamUsage o) {
        return new TeamUsage(vcpu + o.vcpu, memoryMib + o.memoryMib, pinnedCores + o.pinnedCores,
                hugepages + o.hugepages, bareMetalHosts + o.bareMetalHosts, clusters + o.clusters);
    }

    /** This usage with {@code n} more clusters (negative: fewer). */
    public TeamUsage plusClusters(long n) {
        return new TeamUsage(vcpu, memoryMib, pinnedCores, hugepages, bareMetalHosts, clusters + n);
    }
}
