package io.edgefleet.agent.bootstrap;

/** What {@code kubeadm} does on a node: found the cluster, or join it as a control-plane replica or a worker. */
public enum NodeBootstrapRole {
    /** The one control-plane replica that runs {@code kubeadm init}; assigned once per cluster. */
    INIT,
    /** Every other control-plane replica: {@code kubeadm join} with a control-plane section. */
    JOIN_CONTROL_PLANE,
    /** A worker: {@code kubeadm join} without one. */
    JOIN_WORKER;

    public boolean controlPlane() {
        return this != JOIN_WORKER;
    }
}
