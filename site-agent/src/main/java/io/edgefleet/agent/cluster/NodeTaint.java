package io.edgefleet.agent.cluster;

import java.util.Objects;

/**
 * A Kubernetes node taint.
 *
 * @param key    taint key
 * @param value  taint value, {@code ""} for none
 * @param effect NoSchedule, PreferNoSchedule or NoExecute
 */
public record NodeTaint(String key, String value, String effect) {
    public NodeTaint {
        Objects.requireNonNull(key, "key");
        value = value == null ? "" : value;
        Objects.requireNonNull(effect, "effect");
    }
}
