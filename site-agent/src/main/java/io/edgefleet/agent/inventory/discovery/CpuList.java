package io.edgefleet.agent.inventory.discovery;

import java.util.List;
import java.util.TreeSet;

/**
 * The kernel's CPU list format ({@code cpulist}, {@code online}, {@code thread_siblings_list}):
 * comma-separated numbers and inclusive ranges, e.g. {@code 0-15,32-47}; empty means no CPU.
 */
final class CpuList {
    private CpuList() {
    }

    /** The CPUs the list names, ascending; {@code where} names the file in the error. */
    static List<Integer> parse(String text, String where) {
        TreeSet<Integer> cpus = new TreeSet<>();
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return List.of();
        }
        for (String part : trimmed.split(",")) {
            String[] bounds = part.trim().split("-", -1);
            try {
                int from = Integer.parseInt(bounds[0].trim());
                int to = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : from;
                if (bounds.length > 2 || from < 0 || to < from) {
                    throw new NumberFormatException(part);
                }
                for (int cpu = from; cpu <= to; cpu++) {
                    cpus.add(cpu);
                }
            } catch (NumberFormatException e) {
                throw new DiscoveryException(where + ": '" + trimmed + "' is not a CPU list (expected e.g. 0-15,32-47)");
            }
        }
        return List.copyOf(cpus);
    }
}
