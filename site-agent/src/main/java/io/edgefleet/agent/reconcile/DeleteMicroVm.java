package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.driver.MicroVmDriver;

/** Stops and removes a microVM that the plan no longer has. */
record DeleteMicroVm(String microVmId) implements Step {
    @Override
    public boolean shouldDo(MicroVmDriver driver) {
        return driver.status(microVmId).isPresent();
    }

    @Override
    public void perform(MicroVmDriver driver) {
        driver.delete(microVmId);
    }

    @Override
    public boolean verify(MicroVmDriver driver) {
        return driver.status(microVmId).isEmpty();
    }

    @Override
    public String describe() {
        return "delete microVM " + microVmId;
    }
}
