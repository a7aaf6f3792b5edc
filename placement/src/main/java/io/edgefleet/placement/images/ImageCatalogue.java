package io.edgefleet.placement.images;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The operators' catalogue of node images: which image, by digest, boots a microVM of each Kubernetes
 * version (ADR 0034). It is a properties file, one line per version:
 * <pre>
 * kubernetes.1.31=sha256:&lt;64 hex&gt;
 * kubernetes.1.32.4=sha256:&lt;64 hex&gt;
 * </pre>
 * A version is looked up as written (without a leading {@code v}), then by its minor version, so
 * {@code 1.31.2} finds an entry for {@code 1.31} unless the catalogue names {@code 1.31.2} itself.
 *
 * @param source     where the catalogue was read from, for messages
 * @param kubernetes digest by Kubernetes version ({@code 1.31}, {@code 1.32.4})
 */
public record ImageCatalogue(String source, Map<String, String> kubernetes) {
    /** A digest as placement writes it into plans and agents verify it. */
    public static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,3}\\.[0-9]{1,3}(\\.[0-9]{1,3})?");
    private static final String KUBERNETES = "kubernetes.";

    public ImageCatalogue {
        kubernetes = Map.copyOf(kubernetes);
    }

    /** Reads a catalogue's text; throws {@link IllegalArgumentException} naming every line that is wrong. */
    public static ImageCatalogue parse(String source, String text) {
        Properties lines = new Properties();
        try {
            lines.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("image catalogue " + source + " is not a properties file: " + e.getMessage(), e);
        }
        Map<String, String> kubernetes = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String key : new TreeMap<>(lines).keySet().stream().map(String::valueOf).toList()) {
            String value = lines.getProperty(key).trim();
            if (!key.startsWith(KUBERNETES) || !VERSION.matcher(key.substring(KUBERNETES.length())).matches()) {
                problems.add(key + ": keys are kubernetes.<version>, e.g. kubernetes.1.31");
            } else if (!DIGEST.matcher(value).matches()) {
                problems.add(key + ": '" + value + "' is not sha256: followed by 64 lower-case hex digits");
            } else {
                kubernetes.put(key.substring(KUBERNETES.length()), value);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("image catalogue " + source + ": " + String.join("; ", problems));
        }
        return new ImageCatalogue(source, kubernetes);
    }

    /** The digest of the node image of {@code version} ({@code 1.31}, {@code v1.31.2}), if the catalogue has one. */
    public Optional<String> digestOf(String version) {
        if (version == null) {
            return Optional.empty();
        }
        String v = version.startsWith("v") ? version.substring(1) : version;
        String exact = kubernetes.get(v);
        if (exact != null) {
            return Optional.of(exact);
        }
        String[] parts = v.split("\\.");
        return parts.length == 3 ? Optional.ofNullable(kubernetes.get(parts[0] + "." + parts[1])) : Optional.empty();
    }

    /** The digest of {@code version}'s node image, or {@link NoImageException} saying which versions there are. */
    public String resolve(String version) {
        return digestOf(version).orElseThrow(() -> new NoImageException("no image for Kubernetes " + version
                + " in the catalogue; known: " + (kubernetes.isEmpty() ? "none" : String.join(", ", versions()))));
    }

    /** The versions the catalogue names, oldest first (1.9 before 1.10). */
    public List<String> versions() {
        return kubernetes.keySet().stream().sorted(Comparator.comparing(ImageCatalogue::sortKey))
                .collect(Collectors.toList());
    }

    private static String sortKey(String version) {
        StringBuilder key = new StringBuilder();
        for (String part : version.split("\\.")) {
            key.append(String.format("%04d", Integer.parseInt(part)));
        }
        return key.toString();
    }
}
