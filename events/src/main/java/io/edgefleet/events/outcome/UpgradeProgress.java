package io.edgefleet.events.outcome;

/**
 * How far a cluster's Kubernetes version upgrade got, carried by {@link ClusterStatusChanged}.
 *
 * @param from   the version the roll started from, e.g. {@code 1.31}
 * @param to     the target version, e.g. {@code 1.32}
 * @param step   the step it is at, e.g. {@code control plane replica 2 of 3} or {@code worker 1 of 2}
 * @param state  ROLLING, DONE or FAILED
 * @param reason why it failed (which step and why); null otherwise
 */
public record UpgradeProgress(String from, String to, String step, UpgradeState state, String reason) {
}
