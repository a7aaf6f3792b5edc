package io.edgefleet.agent.cluster;

/**
 * A network-function pod the agent manages, as its cluster's API server reported it.
 *
 * @param name     pod name
 * @param nfId     the network function (label {@code edgefleet.io/nf-id})
 * @param specHash hash of the spec the agent applied (annotation), to see a changed plan
 * @param phase    Pending, Running, Succeeded, Failed or Unknown
 * @param reason   why it is not running, if the API server says ({@code ""} otherwise)
 */
public record PodState(String name, String nfId, String specHash, String phase, String reason) {
    public PodState {
        phase = phase == null || phase.isBlank() ? "Pending" : phase;
        reason = reason == null ? "" : reason;
    }
}
