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
 * An entry may be a bare digest ({@code sha256:<hex>}): the pattern's image pinned to it
 * ({@code registry.edgefleet.local/nf/upf@sha256:<hex>}), so the pods of a kind run exactly that image (ADR 0034).
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
        lower.forEach((k, v) -> {
            if (v.startsWith("sha256:") && !v.matches("sha256:[0-9a-f]{64}")) {
                throw new IllegalArgumentException("the NF image of " + k + " is not sha256: followed by 64 lower-case hex"
                        + " digits, got: " + v);
            }
        });
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
            return pinned(images.get(k), pattern.replace("{kind}", k));
        }
        String v = vendor.toLowerCase(Locale.ROOT);
        return pinned(images.get(k + "/" + v), pattern.replace("{kind}", k + "-" + v));
    }

    /** The named image; a bare digest pins the pattern's image (its tag dropped) to it; none: the pattern's image. */
    private static String pinned(String named, String fromPattern) {
        if (named == null || !named.startsWith("sha256:")) {
            return named != null ? named : fromPattern;
        }
        int at = fromPattern.indexOf('@');
        String repository = at >= 0 ? fromPattern.substring(0, at) : fromPattern;
        int tag = repository.lastIndexOf(':');
        if (tag > repository.lastIndexOf('/')) {
            repository = repository.substring(0, tag);
        }
        return repository + "@" + named;
    }
}
