package io.edgefleet.agent.reconcile;

/**
 * One small, idempotent piece of convergence: measure, then act, then measure again.
 * Running a step twice, or after an agent restart, does no harm: {@link #shouldDo} says no.
 */
public interface Step {
    /** Whether the step is still needed, judged from a fresh measurement. */
    boolean shouldDo(Target target);

    /** Acts. */
    void perform(Target target);

    /** Whether the measured state now is what the step wanted. */
    boolean verify(Target target);

    /** For logs: what the step does, e.g. "create microVM c1-cp-0 on h2". */
    String describe();
}
