package io.edgefleet.bench;

/**
 * Command line of {@code bench/density}: {@code [SITES] [--seeds N] [--seed FIRST]}.
 *
 * @param sites     sites per fleet, default 1,000
 * @param seeds     fleets to measure, seeds {@code first, first+1, ...}; default 1
 * @param firstSeed seed of the first fleet, default 2024
 */
record DensityArgs(int sites, int seeds, long firstSeed) {

    static final String USAGE = "usage: bench/density [SITES] [--seeds N] [--seed FIRST]";

    /** Parses the arguments; a bad one gives an IllegalArgumentException that says which. */
    static DensityArgs parse(String... args) {
        int sites = 1_000;
        int seeds = 1;
        long first = 2024;
        boolean sitesSeen = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--seeds") || a.equals("--seed")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                if (a.equals("--seeds")) {
                    seeds = positive(a, v);
                } else {
                    first = number(a, v);
                }
            } else if (!a.startsWith("-") && !sitesSeen) {
                sites = positive("SITES", a);
                sitesSeen = true;
            } else {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
        }
        return new DensityArgs(sites, seeds, first);
    }

    private static int positive(String name, String v) {
        long n = number(name, v);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be a positive integer, not " + v);
        }
        return (int) n;
    }

    private static long number(String name, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, not " + v);
        }
    }
}
