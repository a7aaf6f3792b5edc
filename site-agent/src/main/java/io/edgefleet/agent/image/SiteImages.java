package io.edgefleet.agent.image;

import io.edgefleet.events.plan.PlannedMicroVm;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The agent's image mirror and one {@link ImageCache} per image directory (ADR 0034). Process-wide because
 * every driver of the agent (one per host for a site-wide agent) resolves base images in its own
 * {@code BaseImages}, while one image must still be fetched once per directory; {@link ImageSetup} sets the
 * mirror at start. Without a mirror nothing is fetched and microVMs boot the configured base image, as before.
 */
public final class SiteImages {
    private static volatile ImageMirror mirror;
    private static volatile ImageFetchMetrics metrics;
    private static final ConcurrentMap<Path, ImageCache> CACHES = new ConcurrentHashMap<>();

    private SiteImages() {
    }

    /** Fetches missing images from {@code mirror} from now on (null: never fetch). */
    public static synchronized void use(ImageMirror mirror, ImageFetchMetrics metrics) {
        SiteImages.mirror = mirror;
        SiteImages.metrics = metrics;
        CACHES.clear();
    }

    /** The cache of the image directory {@code dir}, when a mirror is configured. */
    public static Optional<ImageCache> cacheFor(Path dir) {
        ImageMirror m = mirror;
        if (m == null) {
            return Optional.empty();
        }
        return Optional.of(CACHES.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new ImageCache(d, m, metrics)));
    }

    /**
     * The base image a planned microVM boots: the image the plan names by digest when this agent has a mirror to
     * fetch it from, else {@code pattern} with {@code {version}} replaced by its Kubernetes version.
     */
    public static String baseImage(PlannedMicroVm vm, String pattern) {
        return mirror != null && vm.imageDigest() != null ? vm.imageDigest()
                : pattern.replace("{version}", vm.kubernetesVersion());
    }
}
