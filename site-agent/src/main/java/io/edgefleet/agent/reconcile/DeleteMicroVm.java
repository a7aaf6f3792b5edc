package io.edgefleet.agent.reconcile;

/** Removes a microVM that the plan no longer has (the driver stops it first if it still runs). */
record DeleteMicroVm(String microVmId) implements Step {
    @Override
    public boolean shouldDo(Target target) {
        return target.microVms().status(microVmId).isPresent();
    }

    @Override
    public void perform(Target target) {
        target.microVms().delete(microVmId);
    }

    @Override
    public boolean verify(Target target) {
        return target.microVms().status(microVmId).isEmpty();
    }

    @Override
    public String describe() {
        return "delete microVM " + microVmId;
    }
}
