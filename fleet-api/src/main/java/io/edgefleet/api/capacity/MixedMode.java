package io.edgefleet.api.capacity;

/**
 * What mixed mode saves, counted as placement's {@code fleet_baremetal_hosts_saved} counts it, so the
 * dashboard and the metric show one number: without mixed mode every control-plane node would take
 * a bare-metal server of its own ({@code hostsWithoutMixedMode}, one per control-plane microVM); with
 * it, each site's control planes share {@code hostsRunningControlPlanes} hosts (distinct hosts per
 * site, summed). {@code hostsSaved} is the difference. Worker microVMs and all the hosts running
 * microVMs are shown beside it but do not count: a worker would be a server either way.
 */
public record MixedMode(int controlPlaneMicroVms, int workerMicroVms, int hostsRunningMicroVms,
                        int hostsRunningControlPlanes, int hostsWithoutMixedMode, int hostsSaved) {
}
