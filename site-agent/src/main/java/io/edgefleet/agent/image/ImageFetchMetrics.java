package io.edgefleet.agent.image;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Stream;

/**
 * {@code fleet_agent_image_fetches_total{outcome}} (fetched, refused: wrong digest, failed: mirror unreachable
 * or without the image) and {@code fleet_agent_image_cache_bytes} (the images held, measured when scraped).
 */
public final class ImageFetchMetrics {
    /** How one fetch from the mirror ended. */
    public enum Outcome { FETCHED, REFUSED, FAILED }

    private final Map<Outcome, Counter> fetches = new EnumMap<>(Outcome.class);
    private final Set<Path> cacheDirs = new CopyOnWriteArraySet<>();

    /** Meters on {@code registry}; the caches add their directories ({@link #watch}). */
    public ImageFetchMetrics(MeterRegistry registry) {
        for (Outcome o : Outcome.values()) {
            fetches.put(o, Counter.builder("fleet_agent_image_fetches_total")
                    .description("Node images fetched from the image mirror, by outcome (refused: wrong digest)")
                    .tag("outcome", o.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
        Gauge.builder("fleet_agent_image_cache_bytes", cacheDirs, dirs -> dirs.stream().mapToDouble(ImageFetchMetrics::bytesIn).sum())
                .baseUnit("bytes").description("Bytes of node images in the agent's image caches").register(registry);
    }

    /** Counts the images in {@code cacheDir} too. */
    void watch(Path cacheDir) {
        cacheDirs.add(cacheDir);
    }

    void count(Outcome outcome) {
        fetches.get(outcome).increment();
    }

    static double bytesIn(Path cacheDir) {
        Path blobs = cacheDir.resolve("sha256");
        if (!Files.isDirectory(blobs)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(blobs)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // removed while listed
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return Double.NaN;
        }
    }
}
