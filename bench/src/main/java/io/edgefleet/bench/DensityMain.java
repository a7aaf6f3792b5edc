package io.edgefleet.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Servers a reference fleet of edge sites needs with dedicated control-plane servers versus
 * control planes as microVMs next to bare-metal workers and network functions, all placed by the
 * engine with the host model in force. Fleet: {@link DensitySite}; network functions:
 * {@link DensityNetworkFunction}; server: {@link DensityServers}; the two modes:
 * {@link DensityPlacement}.
 *
 * <p>Prints one line per seed, then {@code dedicated_hosts=<median> mixed_hosts=<median>
 * saved_pct=<median> saved_pct_range=<min>-<max> cp_servers_dedicated=... cp_servers_mixed=...
 * cp_servers_saved_pct=<median> cp_servers_saved_pct_range=<min>-<max> seeds=<n>}.
 */
public final class DensityMain {

    private DensityMain() {
    }

    public static void main(String[] args) {
        DensityArgs a;
        try {
            a = DensityArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench/density: " + e.getMessage());
            System.err.println(DensityArgs.USAGE);
            System.exit(2);
            return;
        }
        DensityPlacement placement = new DensityPlacement();
        List<DensityRun> runs = new ArrayList<>();
        for (int i = 0; i < a.seeds(); i++) {
            DensityRun run = DensityRun.measure(a.firstSeed() + i, a.sites(), placement);
            System.out.println(run.line());
            runs.add(run);
        }
        System.out.println(DensitySummary.line(runs));
    }
}
