package io.edgefleet.agent.cluster;

import io.edgefleet.events.request.NetworkFunctionKind;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which container image runs a network function of a kind and vendor (pure). An operator names images
 * explicitly per kind ({@code upf}) and per kind and vendor ({@code upf/acme}); without an entry the pattern
 * applies, its {@code {kind}} replaced by the kind ({@code upf}) or, for a named vendor, by kind and vendor
 * ({@code upf-acme}). A vendor's network function therefore never runs another vendor's image: without an
 * image of its own, its pull fails and the operator sees {@code ErrImagePull} in the NF's status.
 *
 * @param pattern the image of unnamed kinds, e.g. {@code registry.edgefleet.local/nf/{kind}:stable}
 * @param images  explicit images by {@code <kind>} or {@code <kind>/<vendor>}, lower case
 */
public record NfImages(String pattern, Map<String, String> images) {

    public NfImages {
        if (pattern == null || !pattern.contains("{kind}")) {
            throw new IllegalArgumentException("the NF image pattern must contain {kind}, got: " + pattern);
        }
        Map<String, String> lower = new TreeMap<>();
        (images == null ? Map.<String, String>of() : images).forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        images = Map.copyOf(lower);
    }

    /** Every kind and vendor from the pattern. */
    public static NfImages pattern(String pattern) {
        return new NfImages(pattern, Map.of());
    }

    /** The image of {@code kind} by {@code vendor} (null: the site's default of the kind). */
    public String of(NetworkFunctionKind kind, String vendor) {
        String k = kind.name().toLowerCase(Locale.ROOT);
        if (vendor == null || vendor.isBlank()) {
            return images.getOrDefault(k, pattern.replace("{kind}", k));
        }
        String v = vendor.toLowerCase(Locale.ROOT);
        return images.getOrDefault(k + "/" + v, pattern.replace("{kind}", k + "-" + v));
    }
}
