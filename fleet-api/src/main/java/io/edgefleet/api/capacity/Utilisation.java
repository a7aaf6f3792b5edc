package io.edgefleet.api.capacity;

/** Use of one resource across the fleet; {@code percent} of the allocatable capacity. */
public record Utilisation(String resource, String unit, long capacity, long used, long free, double percent) {
    static Utilisation of(String resource, String unit, long capacity, long used) {
        double percent = capacity == 0 ? 0 : Math.round(1000.0 * used / capacity) / 10.0;
        return new Utilisation(resource, unit, capacity, used, Math.max(0, capacity - used), percent);
    }
}
