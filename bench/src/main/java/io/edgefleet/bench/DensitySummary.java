package io.edgefleet.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/** Medians and min-max spread of several seeded runs: the last line of {@code bench/density}. */
final class DensitySummary {

    private DensitySummary() {
    }

    static String line(List<DensityRun> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to summarise");
        }
        return String.format("dedicated_hosts=%d mixed_hosts=%d saved_pct=%d saved_pct_range=%s "
                        + "cp_servers_dedicated=%d cp_servers_mixed=%d cp_servers_saved_pct=%d "
                        + "cp_servers_saved_pct_range=%s seeds=%d",
                median(runs, DensityRun::dedicated), median(runs, DensityRun::mixed),
                median(runs, DensityRun::savedPct), range(runs, DensityRun::savedPct),
                median(runs, DensityRun::dedicatedCp), median(runs, DensityRun::mixedCp),
                median(runs, DensityRun::cpSavedPct), range(runs, DensityRun::cpSavedPct), runs.size());
    }

    /** Median; of an even count, the mean of the two middle values rounded half up. */
    static long median(List<DensityRun> runs, ToLongFunction<DensityRun> f) {
        long[] v = sorted(runs, f);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : Math.round((v[m - 1] + v[m]) / 2.0);
    }

    static String range(List<DensityRun> runs, ToLongFunction<DensityRun> f) {
        long[] v = sorted(runs, f);
        return v[0] + "-" + v[v.length - 1];
    }

    private static long[] sorted(List<DensityRun> runs, ToLongFunction<DensityRun> f) {
        long[] v = runs.stream().mapToLong(f).toArray();
        Arrays.sort(v);
        return v;
    }
}
