package io.edgefleet.agent.etcd;

import java.util.Objects;

/**
 * A control-plane replica the plan wants in etcd: its microVM id (the member name kubeadm gives it) and
 * its peer URL ({@code https://<ip>:2380}).
 *
 * @param running whether the replica's microVM runs. A planned replica that does not run yet is not
 *                added (it could not start, and etcd 3.4/3.5 accept one learner at a time), but it still
 *                counts as planned: the replica it replaces is kept until it has joined (make-before-break).
 */
public record DesiredMember(String name, String peerUrl, boolean running) {

    public DesiredMember {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(peerUrl, "peerUrl");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a planned etcd member needs a name (its microVM id)");
        }
    }

    /** A planned replica whose microVM runs. */
    public DesiredMember(String name, String peerUrl) {
        this(name, peerUrl, true);
    }

    /** A planned replica whose microVM is not running yet. */
    public static DesiredMember notYetRunning(String name, String peerUrl) {
        return new DesiredMember(name, peerUrl, false);
    }
}
