package io.edgefleet.servicekit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The pulse of one of a service's long-running loops (the outbox relay, a feed, a sweeper): whether its thread still
 * runs and when it last went round. A liveness check reads it, so a loop that died of an unexpected error or hangs
 * makes the service unhealthy (and restarted) instead of silently doing nothing. Shared by the services; no framework.
 */
public final class LoopPulse {
    private final String name;
    private final Duration stallAfter;
    private volatile Thread thread;
    private volatile boolean started;
    private volatile boolean stopped;
    private volatile long lastTurnNanos = System.nanoTime();

    /**
     * @param stallAfter how long the loop may go without a turn before it counts as stuck: longer than its slowest
     *                   honest turn (a send waiting out the broker's delivery timeout, say), or a slow dependency
     *                   would restart the service, which cures nothing
     */
    public LoopPulse(String name, Duration stallAfter) {
        this.name = name;
        this.stallAfter = stallAfter;
    }

    /** The loop started on {@code thread}, or on a scheduler's threads when null (then only stalls are seen). */
    public void started(Thread thread) {
        this.thread = thread;
        this.lastTurnNanos = System.nanoTime();
        this.started = true;
    }

    /** One more turn of the loop, whatever its outcome: a turn that failed and will retry is still a pulse. */
    public void turned() {
        lastTurnNanos = System.nanoTime();
    }

    /** An orderly stop (shutdown) is no failure. */
    public void stopped() {
        stopped = true;
    }

    public String name() {
        return name;
    }

    /** Empty while the loop is well (or not started: disabled by configuration, or shut down); else what is wrong. */
    public Optional<String> problem() {
        if (!started || stopped) {
            return Optional.empty();
        }
        Thread t = thread;
        if (t != null && !t.isAlive()) {
            return Optional.of(name + ": its thread " + t.getName() + " has ended");
        }
        long idleNanos = System.nanoTime() - lastTurnNanos;
        if (idleNanos > stallAfter.toNanos()) {
            return Optional.of(name + ": no turn for " + Duration.ofNanos(idleNanos).toSeconds() + " s (limit "
                    + stallAfter.toSeconds() + " s)");
        }
        return Optional.empty();
    }

    /** What a liveness check says of a service's loops: their names, and what is wrong ("" when nothing). */
    public record Verdict(String loops, String problems) {
        public boolean healthy() {
            return problems.isEmpty();
        }
    }

    public static Verdict verdict(List<LoopPulse> pulses) {
        return new Verdict(String.join(", ", pulses.stream().map(LoopPulse::name).toList()),
                String.join("; ", pulses.stream().map(LoopPulse::problem).flatMap(Optional::stream).toList()));
    }
}
