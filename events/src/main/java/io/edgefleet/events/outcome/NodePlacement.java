package io.edgefleet.events.outcome;

import io.edgefleet.events.plan.MicroVmRole;

/**
 * Where one node of a cluster runs.
 *
 * @param microVmId the microVM, or {@code null} for a bare-metal worker
 * @param role      control plane or worker
 * @param hostId    the host
 */
public record NodePlacement(String microVmId, MicroVmRole role, String hostId) {
}
