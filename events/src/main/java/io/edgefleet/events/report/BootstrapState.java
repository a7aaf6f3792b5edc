package io.edgefleet.events.report;

/** Progress of a cluster's bootstrap (kubeadm init/join) at its site. */
public enum BootstrapState {
    BOOTSTRAPPING,
    READY,
    FAILED
}
