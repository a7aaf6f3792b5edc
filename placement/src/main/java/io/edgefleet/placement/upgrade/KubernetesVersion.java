package io.edgefleet.placement.upgrade;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes version as requests write it: {@code 1.32} (the newest patch of that minor, which is what
 * the node image carries) or {@code v1.32.1} (that patch). {@code patch} is null for the first form.
 */
public record KubernetesVersion(int major, int minor, Integer patch) {
    private static final Pattern FORM = Pattern.compile("v?(\\d{1,3})\\.(\\d{1,3})(?:\\.(\\d{1,3}))?");

    /** The version, or null when {@code text} is not of either form. */
    public static KubernetesVersion parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text.trim());
        if (m == null || !m.matches()) {
            return null;
        }
        return new KubernetesVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? null : Integer.valueOf(m.group(3)));
    }

    /** {@code 1.32} or {@code 1.32.1}: how reasons name it, whatever the request wrote. */
    @Override
    public String toString() {
        return major + "." + minor + (patch == null ? "" : "." + patch);
    }

    /** {@code 1.32}: the minor, as the status reason's "upgrading 1.31 -> 1.32" names it. */
    public String minorName() {
        return major + "." + minor;
    }
}
