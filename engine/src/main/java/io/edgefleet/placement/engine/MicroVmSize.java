package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.model.Resources;

/**
 * Size of one microVM.
 *
 * @param vcpu      shared vCPUs
 * @param memoryMib memory
 * @param diskGib   root + data disk
 */
public record MicroVmSize(int vcpu, long memoryMib, long diskGib) {

    public MicroVmSize {
        if (vcpu <= 0 || memoryMib <= 0 || diskGib < 0) {
            throw new IllegalArgumentException("microVM needs vcpu > 0, memory > 0, disk >= 0");
        }
    }

    /** As resources held on a host. */
    public Resources resources() {
        return Resources.microVm(vcpu, memoryMib, diskGib);
    }
}
