package io.edgefleet.bench.servicedensity;

import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.intake.BurstDecisions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hosts the service's online decisions leave in use after churn, against the batch packer on the
 * same final live set (ADR 0031). Prints one line per run, then the medians over the runs:
 * {@code hosts_service=<n> hosts_packer=<n> ratio=<n>}.
 */
public final class ServiceDensityMain {
    private ServiceDensityMain() {
    }

    /** One run: {@code sites} sites of the trace, summed. */
    record Run(long seed, int hostsService, int hostsPacker, int unplaced, int creates, int rejected,
               int burstsBatched, int moves, long millis) {
        double ratio() {
            return hostsPacker == 0 ? 1.0 : (double) hostsService / hostsPacker;
        }
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("service-density: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        List<Run> runs = new ArrayList<>();
        for (int r = 0; r < o.runs(); r++) {
            Run run = run(o, o.seed() + r);
            runs.add(run);
            System.out.printf(Locale.ROOT, "run=%d seed=%d sites=%d hosts_service=%d hosts_packer=%d ratio=%.3f"
                            + " packer_unplaced=%d requests=%d rejected=%d bursts_batched=%d consolidation_moves=%d"
                            + " ms=%d%n", r + 1, run.seed(), o.sites(), run.hostsService(), run.hostsPacker(),
                    run.ratio(), run.unplaced(), run.creates(), run.rejected(), run.burstsBatched(), run.moves(),
                    run.millis());
        }
        double[] ratios = runs.stream().mapToDouble(Run::ratio).sorted().toArray();
        System.out.printf(Locale.ROOT, "ratio_range=%.3f-%.3f runs=%d%n", ratios[0], ratios[ratios.length - 1],
                runs.size());
        System.out.printf(Locale.ROOT, "hosts_service=%d hosts_packer=%d ratio=%.3f%n",
                median(runs.stream().mapToInt(Run::hostsService).toArray()),
                median(runs.stream().mapToInt(Run::hostsPacker).toArray()), ratios[ratios.length / 2]);
    }

    static Run run(Options o, long seed) {
        long t0 = System.nanoTime();
        int service = 0;
        int packer = 0;
        int unplaced = 0;
        int creates = 0;
        int rejected = 0;
        int batched = 0;
        int moves = 0;
        for (int s = 0; s < o.sites(); s++) {
            long siteSeed = seed * 1_000_003L + s;
            TraceReplay trace = new TraceReplay("site-" + s, o.hosts(), siteSeed);
            SiteState end = trace.run(o.steps(), o.consolidateEvery());
            PackerBaseline.Packed packed = PackerBaseline.pack(end.site(), trace.live(), siteSeed);
            service += BurstDecisions.hostsInUse(end);
            packer += BurstDecisions.hostsInUse(packed.state());
            unplaced += packed.unplaced();
            creates += trace.creates;
            rejected += trace.rejected;
            batched += trace.burstsBatched;
            moves += trace.moves;
        }
        return new Run(seed, service, packer, unplaced, creates, rejected, batched, moves,
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static int median(int[] v) {
        int[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
