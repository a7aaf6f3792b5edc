package io.edgefleet.api.capacity;

/**
 * What mixed mode saves. Without it, every control-plane node and every microVM worker would
 * need a server of its own ({@code hostsWithoutMixedMode}); with it they share
 * {@code hostsRunningMicroVms}. {@code hostsSaved} is the difference (never below zero).
 */
public record MixedMode(int controlPlaneMicroVms, int workerMicroVms, int hostsRunningMicroVms,
                        int hostsWithoutMixedMode, int hostsSaved) {
}
