package io.edgefleet.placement.upgrade;

import java.util.Optional;

/**
 * Which version a cluster may move to from the one it runs: a later patch of the same minor, or the next
 * minor (any patch of it). kubeadm and the version skew policy allow one minor at a time, so skipping one
 * is refused, and so is going back (etcd's and the API server's stored data are not downgraded). A
 * version written without a patch ({@code 1.31}) follows that minor's newest patch, so nothing of the same
 * minor is known to be newer than it.
 */
public final class UpgradePath {
    private UpgradePath() {
    }

    /** Why {@code to} is not a step from {@code from}, naming both; empty when it is. */
    public static Optional<String> refusal(String from, String to) {
        KubernetesVersion current = KubernetesVersion.parse(from);
        KubernetesVersion target = KubernetesVersion.parse(to);
        if (target == null) {
            return Optional.of("target version '" + to + "' is not a Kubernetes version like 1.32 or v1.32.1");
        }
        if (current == null) {
            return Optional.of("the cluster's version '" + from + "' cannot be read, so no upgrade path to "
                    + target + " is known");
        }
        String both = " (from " + current + " to " + target + ")";
        if (target.major() != current.major()) {
            return Optional.of("a major version change is not an upgrade step" + both);
        }
        int minors = target.minor() - current.minor();
        if (minors < 0) {
            return Optional.of("a downgrade is not possible" + both);
        }
        if (minors > 1) {
            return Optional.of("an upgrade may not skip a minor version: upgrade to " + current.major() + "."
                    + (current.minor() + 1) + " first" + both);
        }
        if (minors == 1) {
            return Optional.empty();
        }
        if (target.patch() == null && current.patch() == null) {
            return Optional.of("the cluster already runs " + current + both);
        }
        if (current.patch() == null) {
            return Optional.of("the cluster runs " + current + ", which follows the newest patch of " + current
                    + ", so " + target + " is not known to be newer; upgrade to " + current.major() + "."
                    + (current.minor() + 1) + " instead" + both);
        }
        if (target.patch() == null) {
            return Optional.of("a same-minor upgrade names its patch, e.g. " + current.minorName() + "."
                    + (current.patch() + 1) + both);
        }
        if (target.patch() < current.patch()) {
            return Optional.of("a downgrade is not possible" + both);
        }
        if (target.patch().equals(current.patch())) {
            return Optional.of("the cluster already runs " + current + both);
        }
        return Optional.empty();
    }
}
