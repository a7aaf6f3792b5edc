package io.edgefleet.events.request;

/** The 5G network functions the fleet knows how to place. */
public enum NetworkFunctionKind {
    /** User plane function. */
    UPF,
    /** Distributed unit (vDU). */
    DU,
    /** Central unit (vCU). */
    CU
}
