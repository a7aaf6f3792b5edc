package io.edgefleet.placement.engine;

import java.util.Objects;

/**
 * Workers of a cluster: whole bare-metal hosts, or microVMs of one size.
 *
 * @param mode  bare metal or microVM
 * @param count how many
 * @param size  microVM size; null for bare metal
 */
public record Workers(Mode mode, int count, MicroVmSize size) {

    /** How workers run. */
    public enum Mode { BARE_METAL, MICRO_VM }

    public Workers {
        Objects.requireNonNull(mode, "mode");
        if (count < 0) {
            throw new IllegalArgumentException("worker count must be >= 0");
        }
        if ((mode == Mode.MICRO_VM) != (size != null)) {
            throw new IllegalArgumentException("microVM workers need a size, bare-metal ones none");
        }
    }

    /** {@code n} whole hosts. */
    public static Workers bareMetal(int n) {
        return new Workers(Mode.BARE_METAL, n, null);
    }

    /** {@code n} microVMs of {@code size}. */
    public static Workers microVms(int n, MicroVmSize size) {
        return new Workers(Mode.MICRO_VM, n, size);
    }

    /** No workers (a control plane only). */
    public static Workers none() {
        return bareMetal(0);
    }
}
