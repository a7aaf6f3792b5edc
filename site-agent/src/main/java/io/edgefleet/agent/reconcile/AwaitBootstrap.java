package io.edgefleet.agent.reconcile;

/**
 * A planned microVM that is not created yet because what it boots with is missing (its cluster's
 * secrets). Does nothing and never verifies, so the run reports it as not converged, with the reason,
 * until the missing piece arrives and the planner gives a {@link CreateMicroVm} instead.
 */
record AwaitBootstrap(String microVmId, String hostId, String waitingFor) implements Step {
    @Override
    public boolean shouldDo(Target target) {
        return target.microVms().status(microVmId).isEmpty();
    }

    @Override
    public void perform(Target target) {
    }

    @Override
    public boolean verify(Target target) {
        return false;
    }

    @Override
    public String describe() {
        return "wait to create microVM " + microVmId + " on " + hostId + ": " + waitingFor;
    }
}
