package io.edgefleet.agent.driver.vmm;

import java.util.Map;

/**
 * Flat {@code edgefleet.agent.driver.<name>.*} properties of one VMM driver, read with errors that name
 * the key, so a typo in agent.conf fails the agent's start with the line to fix.
 *
 * @param prefix   the key prefix, ending with a dot
 * @param driver   the driver's name, for messages
 * @param values   every property, by full key
 */
public record DriverProperties(String prefix, String driver, Map<String, String> values) {

    /** A set value, trimmed; throws naming the key when it is missing or blank. */
    public String required(String key) {
        String v = optional(key);
        if (v == null) {
            throw new IllegalArgumentException(prefix + key + " is required for the " + driver + " driver");
        }
        return v;
    }

    /** A set value, trimmed, or null when missing or blank. */
    public String optional(String key) {
        String v = values.get(prefix + key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** A set value, or {@code fallback}. */
    public String string(String key, String fallback) {
        String v = optional(key);
        return v == null ? fallback : v;
    }

    /** An integer value, or {@code fallback}; throws naming the key when it is not an integer. */
    public int integer(String key, int fallback) {
        String v = optional(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + key + " must be an integer, got '" + v + "'");
        }
    }
}
