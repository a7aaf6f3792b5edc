package io.edgefleet.bench;

import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.engine.RepackOptions;
import io.edgefleet.placement.engine.RepackResult;
import io.edgefleet.placement.engine.ledger.SiteState;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Repack benchmark: hosts in use before and after {@code PlacementEngine.repackSite} on the
 * churned reference fleet ({@link ChurnedFleet}), moves made, and time per site.
 *
 * <p>Arguments: {@code [SITES] [--max-moves N] [--max-moves-per-host N] [--budget-ms N]
 * [--seed S] [--verbose]}; defaults 1000 sites and the engine's default options. A separate
 * fleet of 100 sites is repacked first, unmeasured, so that the times are those of compiled
 * code. Last line: {@code sites=<n> hosts_before=<n> hosts_after=<n> freed_pct=<n> moves=<n>
 * p99_ms=<n>}.
 */
public final class RepackMain {

    private RepackMain() {
    }

    public static void main(String[] args) {
        int sites = 1_000;
        RepackOptions o = RepackOptions.defaults();
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--max-moves" -> o = new RepackOptions(Integer.parseInt(args[++i]), o.maxMovesPerHost(),
                        o.moveNetworkFunctions(), o.budget(), o.restarts(), o.seed());
                case "--max-moves-per-host" -> o = new RepackOptions(o.maxMoves(), Integer.parseInt(args[++i]),
                        o.moveNetworkFunctions(), o.budget(), o.restarts(), o.seed());
                case "--budget-ms" -> o = new RepackOptions(o.maxMoves(), o.maxMovesPerHost(),
                        o.moveNetworkFunctions(), Duration.ofMillis(Long.parseLong(args[++i])), o.restarts(), o.seed());
                case "--seed" -> o = o.withSeed(Long.parseLong(args[++i]));
                case "--verbose" -> verbose = true;
                default -> sites = Integer.parseInt(args[i]);
            }
        }
        PlacementEngine engine = new PlacementEngine();
        for (SiteState warm : ChurnedFleet.build(100, 99)) {
            engine.repackSite(warm, o);
        }
        SiteState[] fleet = ChurnedFleet.build(sites, 2024);
        long before = 0;
        long after = 0;
        long moves = 0;
        int cut = 0;
        double[] ms = new double[sites];
        Map<Integer, long[]> bySize = new TreeMap<>(); // hosts -> {sites, before, after, moves}
        for (int s = 0; s < sites; s++) {
            long t0 = System.nanoTime();
            RepackResult r = engine.repackSite(fleet[s], o);
            ms[s] = (System.nanoTime() - t0) / 1e6;
            before += r.hostsInUseBefore();
            after += r.hostsInUseAfter();
            moves += r.moves();
            cut += r.budgetExhausted() ? 1 : 0;
            long[] g = bySize.computeIfAbsent(fleet[s].hostCount(), k -> new long[4]);
            g[0]++;
            g[1] += r.hostsInUseBefore();
            g[2] += r.hostsInUseAfter();
            g[3] += r.moves();
            if (verbose) {
                System.out.printf("%s hosts=%d in_use_before=%d in_use_after=%d moves=%d ms=%.2f emptied=%s%n",
                        fleet[s].site().id(), fleet[s].hostCount(), r.hostsInUseBefore(),
                        r.hostsInUseAfter(), r.moves(), ms[s], r.emptiedHosts());
            }
        }
        System.out.printf("options: max_moves=%d max_moves_per_host=%d budget_ms=%d restarts=%d seed=%d%n",
                o.maxMoves(), o.maxMovesPerHost(), o.budget().toMillis(), o.restarts(), o.seed());
        System.out.println("site_hosts sites in_use_before in_use_after moves");
        bySize.forEach((k, g) -> System.out.printf("%10d %5d %13d %12d %5d%n", k, g[0], g[1], g[2], g[3]));
        Arrays.sort(ms);
        System.out.printf("time per site: p50_ms=%.2f p99_ms=%.2f max_ms=%.2f budget_cut=%d%n",
                pct(ms, 50), pct(ms, 99), ms[ms.length - 1], cut);
        System.out.printf("sites=%d hosts_before=%d hosts_after=%d freed_pct=%d moves=%d p99_ms=%d%n",
                sites, before, after, Math.round(100.0 * (before - after) / Math.max(1, before)), moves,
                (long) Math.ceil(pct(ms, 99)));
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
