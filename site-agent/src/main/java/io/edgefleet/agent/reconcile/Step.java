package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.driver.MicroVmDriver;

/**
 * One small, idempotent piece of convergence: measure, then act, then measure again.
 * Running a step twice, or after an agent restart, does no harm: {@link #shouldDo} says no.
 */
public interface Step {
    /** Whether the step is still needed, judged from a fresh measurement. */
    boolean shouldDo(MicroVmDriver driver);

    /** Acts. */
    void perform(MicroVmDriver driver);

    /** Whether the measured state now is what the step wanted. */
    boolean verify(MicroVmDriver driver);

    /** For logs: what the step does, e.g. "create microVM c1.cp-0 on h2". */
    String describe();
}
