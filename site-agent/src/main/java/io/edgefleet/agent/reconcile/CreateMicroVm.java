package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmState;

/**
 * Creates and boots a planned microVM that does not exist. An existing one, in whatever state, is
 * never created again: no duplicates. A FAILED one stays for placement to move (it saw the report).
 */
record CreateMicroVm(MicroVmSpec spec) implements Step {
    @Override
    public boolean shouldDo(Target target) {
        return target.microVms().status(spec.microVmId()).isEmpty();
    }

    @Override
    public void perform(Target target) {
        target.microVms().create(spec);
    }

    @Override
    public boolean verify(Target target) {
        return target.microVms().status(spec.microVmId()).map(s -> s.state() == MicroVmState.RUNNING).orElse(false);
    }

    @Override
    public String describe() {
        return "create microVM " + spec.microVmId() + " on " + spec.hostId();
    }
}
