package io.edgefleet.agent.nodeconfig;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The node host docs/operate.md shows: two NUMA nodes of 16 CPUs and 128 GiB (16 GiB of it 1 GiB hugepages),
 * two CPUs reserved for the system, microVMs on 2-7 and 16-21, network functions pinned to the rest, and
 * three PFs on two physnets.
 */
final class ExampleHost {
    private ExampleHost() {
    }

    static NodeHost host() {
        return new NodeHost("node-a",
                List.of(new NodeNuma(0, cpus(0, 15), 131072 - 16 * 1024),
                        new NodeNuma(1, cpus(16, 31), 131072 - 16 * 1024)),
                cpus(0, 1),
                union(cpus(2, 7), cpus(16, 21)),
                new MemoryReserve(4096, 32768, 1024, 500),
                List.of(new PhysnetPf("physnet-a", "ens1f0", 8),
                        new PhysnetPf("physnet-a", "ens1f1", 4),
                        new PhysnetPf("physnet-b", "ens2f0", 8)));
    }

    static TreeSet<Integer> cpus(int from, int to) {
        TreeSet<Integer> out = new TreeSet<>();
        IntStream.rangeClosed(from, to).forEach(out::add);
        return out;
    }

    static TreeSet<Integer> union(TreeSet<Integer> a, TreeSet<Integer> b) {
        TreeSet<Integer> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }
}
