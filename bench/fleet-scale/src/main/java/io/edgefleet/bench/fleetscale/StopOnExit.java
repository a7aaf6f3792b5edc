package io.edgefleet.bench.fleetscale;

/**
 * Stops a size's processes (placement, broker, PostgreSQL) if the bench's JVM is told to exit
 * (Ctrl-C, SIGTERM, a timeout) while they run; the normal path closes them itself and removes this
 * hook. Without it a killed bench left all three running.
 */
final class StopOnExit implements AutoCloseable {
    private final Thread hook;

    private StopOnExit(AutoCloseable... processes) {
        hook = new Thread(() -> {
            for (AutoCloseable p : processes) {
                try {
                    p.close();
                } catch (Exception e) {
                    System.err.println("stopping on exit: " + e);
                }
            }
        }, "fleet-scale-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Registers the hook; {@code processes} are stopped in this order. */
    static StopOnExit of(AutoCloseable... processes) {
        return new StopOnExit(processes);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it stops the processes
        }
    }
}
