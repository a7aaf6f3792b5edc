package io.edgefleet.agent.reconcile;

import java.util.Set;

/**
 * Keeps the microVM cpuset of a host off the system's reserved cores and off the cores pinned to network
 * functions there, before any microVM is created and whenever the pinned set changes (the driver then
 * narrows or widens the cpuset of the running microVMs in place).
 */
record KeepMicroVmsOffCores(String hostId, int reservedCores, Set<Integer> pinnedCores) implements Step {
    @Override
    public boolean shouldDo(Target target) {
        return !target.microVms().keepsMicroVmsOff(hostId, reservedCores, pinnedCores);
    }

    @Override
    public void perform(Target target) {
        target.microVms().keepMicroVmsOff(hostId, reservedCores, pinnedCores);
    }

    @Override
    public boolean verify(Target target) {
        return target.microVms().keepsMicroVmsOff(hostId, reservedCores, pinnedCores);
    }

    @Override
    public String describe() {
        return "keep microVMs on " + hostId + " off " + reservedCores + " reserved cores and pinned cores " + pinnedCores;
    }
}
