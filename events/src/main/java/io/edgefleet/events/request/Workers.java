package io.edgefleet.events.request;

/**
 * Workers of a requested cluster. The size fields are set for {@link WorkerKind#MICROVM} only:
 * a bare-metal worker is a whole host, so a size would be meaningless.
 *
 * @param kind      bare metal or microVM
 * @param count     number of workers (0 = control plane only)
 * @param vcpu      vCPUs per microVM worker, {@code null} for bare metal
 * @param memoryMib memory per microVM worker, MiB, {@code null} for bare metal
 * @param diskGib   disk per microVM worker, GiB, {@code null} for bare metal
 */
public record Workers(WorkerKind kind, int count, Integer vcpu, Long memoryMib, Integer diskGib) {

    /** {@code count} whole bare-metal hosts. */
    public static Workers bareMetal(int count) {
        return new Workers(WorkerKind.BARE_METAL, count, null, null, null);
    }

    /** {@code count} microVMs of the given size. */
    public static Workers microVm(int count, int vcpu, long memoryMib, int diskGib) {
        return new Workers(WorkerKind.MICROVM, count, vcpu, memoryMib, diskGib);
    }
}
