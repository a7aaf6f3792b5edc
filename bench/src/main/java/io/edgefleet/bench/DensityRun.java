package io.edgefleet.bench;

import java.util.Random;

/**
 * One seeded fleet measured in both modes.
 *
 * @param seed         seed of the fleet generator
 * @param sites        sites in the fleet
 * @param clusters     clusters over all sites
 * @param nfs          network functions over all sites
 * @param dedicated    servers in dedicated mode
 * @param dedicatedCp  of them, control-plane servers (3 per cluster)
 * @param mixed        servers in mixed mode
 */
record DensityRun(long seed, int sites, int clusters, int nfs, long dedicated, long dedicatedCp, long mixed) {

    /** Generates {@code sites} sites from {@code seed} and places each in both modes. */
    static DensityRun measure(long seed, int sites, DensityPlacement placement) {
        Random rnd = new Random(seed);
        int clusters = 0;
        int nfs = 0;
        long dedicated = 0;
        long mixed = 0;
        for (int s = 0; s < sites; s++) {
            DensitySite site = DensitySite.random("site-" + s, rnd);
            clusters += site.clusters().size();
            nfs += site.networkFunctions();
            dedicated += placement.dedicated(site);
            mixed += placement.mixed(site).hosts();
        }
        return new DensityRun(seed, sites, clusters, nfs, dedicated,
                (long) DensitySite.CONTROL_PLANE_REPLICAS * clusters, mixed);
    }

    /** Servers dedicated mode spends on bare-metal workers and the extra hosts of network functions. */
    long workerAndNfServers() {
        return dedicated - dedicatedCp;
    }

    /** Servers mixed mode needs beyond the workers and NF hosts of dedicated mode: its control-plane share. */
    long mixedCp() {
        return mixed - workerAndNfServers();
    }

    int savedPct() {
        return pct(dedicated - mixed, dedicated);
    }

    int cpSavedPct() {
        return pct(dedicatedCp - mixedCp(), dedicatedCp);
    }

    String line() {
        return String.format("seed=%d sites=%d clusters=%d nfs=%d worker_nf_servers=%d dedicated_hosts=%d "
                        + "mixed_hosts=%d saved_pct=%d cp_servers_dedicated=%d cp_servers_mixed=%d "
                        + "cp_servers_saved_pct=%d",
                seed, sites, clusters, nfs, workerAndNfServers(), dedicated, mixed, savedPct(), dedicatedCp,
                mixedCp(), cpSavedPct());
    }

    private static int pct(long part, long whole) {
        return whole == 0 ? 0 : (int) Math.round(100.0 * part / whole);
    }
}
