package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.driver.MicroVmState;

/** Stops a microVM gracefully before it is deleted, so its guest shuts down cleanly. */
record StopMicroVm(String microVmId) implements Step {
    @Override
    public boolean shouldDo(Target target) {
        return target.microVms().status(microVmId)
                .map(s -> s.state() == MicroVmState.RUNNING || s.state() == MicroVmState.CREATING).orElse(false);
    }

    @Override
    public void perform(Target target) {
        target.microVms().stop(microVmId);
    }

    @Override
    public boolean verify(Target target) {
        return target.microVms().status(microVmId)
                .map(s -> s.state() == MicroVmState.STOPPED || s.state() == MicroVmState.FAILED).orElse(true);
    }

    @Override
    public String describe() {
        return "stop microVM " + microVmId;
    }
}
