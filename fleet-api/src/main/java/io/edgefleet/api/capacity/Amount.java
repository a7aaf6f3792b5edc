package io.edgefleet.api.capacity;

/**
 * One resource of a host or NUMA node: its total, what the host system keeps, what allocations
 * hold, and what is left ({@code total - reserved - used}, never below zero).
 */
public record Amount(long total, long reserved, long used, long free) {
    static Amount of(long total, long reserved, long used) {
        return new Amount(total, reserved, used, Math.max(0, total - reserved - used));
    }
}
