package io.edgefleet.events.report;

import io.edgefleet.events.EventPayload;
import java.time.Instant;

/**
 * A microVM changed state ({@code io.edgefleet.microvm.state-changed.v1}).
 *
 * @param siteId      the site
 * @param hostId      the host it runs on; may be null for DELETED only (agents before ADR 0019 left it
 *                    out of deletion reports, and a deleted microVM runs nowhere)
 * @param microVmId   the microVM
 * @param clusterId   its cluster
 * @param state       the observed state
 * @param reason      why, for FAILED/STOPPED; may be {@code null}
 * @param planVersion the plan the agent was converging to
 * @param observedAt  when the agent saw it
 */
public record MicroVmStateChanged(
        String siteId,
        String hostId,
        String microVmId,
        String clusterId,
        MicroVmState state,
        String reason,
        long planVersion,
        Instant observedAt) implements EventPayload {

    @Override
    public String partitionKey() {
        return siteId;
    }

    @Override
    public String subject() {
        return microVmId;
    }
}
