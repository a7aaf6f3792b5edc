package io.edgefleet.agent.driver.host;

import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/** The kernel's CPU list format ({@code 0-3,8,10-11}), as cpusets and sysfs write it. */
public final class CpuList {
    private CpuList() {
    }

    /** Parses a CPU list; blank means none. Throws {@link IllegalArgumentException} with the bad part named. */
    public static SortedSet<Integer> parse(String list) {
        SortedSet<Integer> cpus = new TreeSet<>();
        for (String part : list.strip().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                int dash = part.indexOf('-');
                int from = Integer.parseInt(part.substring(0, dash < 0 ? part.length() : dash).strip());
                int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1).strip());
                if (from < 0 || to < from) {
                    throw new IllegalArgumentException("bad CPU range '" + part + "' in '" + list + "'");
                }
                for (int c = from; c <= to; c++) {
                    cpus.add(c);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad CPU list part '" + part + "' in '" + list + "'");
            }
        }
        return cpus;
    }

    /** Formats CPUs as a list with ranges; none is the empty string. */
    public static String format(Collection<Integer> cpus) {
        StringBuilder out = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int c : new TreeSet<>(cpus)) {
            if (prev != null && c == prev + 1) {
                prev = c;
                continue;
            }
            append(out, start, prev);
            start = c;
            prev = c;
        }
        append(out, start, prev);
        return out.toString();
    }

    private static void append(StringBuilder out, Integer start, Integer end) {
        if (start == null) {
            return;
        }
        if (out.length() > 0) {
            out.append(',');
        }
        out.append(start);
        if (!end.equals(start)) {
            out.append('-').append(end);
        }
    }
}
