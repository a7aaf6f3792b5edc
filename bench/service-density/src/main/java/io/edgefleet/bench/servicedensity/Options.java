package io.edgefleet.bench.servicedensity;

/** Command-line options of the service-density bench; bad input is a clear message, never a trace. */
record Options(int sites, int hosts, int steps, int runs, long seed, int consolidateEvery) {
    static final String USAGE = "usage: service-density [--sites N] [--hosts N] [--steps N] [--runs N] [--seed S]"
            + " [--consolidate-every N]   (defaults 20, 12, 400, 3, 2026, 25; 0 turns consolidation off)";

    static Options parse(String[] args) {
        int sites = 20;
        int hosts = 12;
        int steps = 400;
        int runs = 3;
        long seed = 2026;
        int every = 25;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--sites" -> sites = positive(name, value);
                case "--hosts" -> hosts = positive(name, value);
                case "--steps" -> steps = positive(name, value);
                case "--runs" -> runs = positive(name, value);
                case "--seed" -> seed = number(name, value);
                case "--consolidate-every" -> every = (int) Math.max(0, number(name, value));
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new Options(sites, hosts, steps, runs, seed, every);
    }

    private static int positive(String name, String value) {
        long n = number(name, value);
        if (n < 1 || n > 1_000_000) {
            throw new IllegalArgumentException(name + " must be between 1 and 1000000, got " + value);
        }
        return (int) n;
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got '" + value + "'");
        }
    }
}
