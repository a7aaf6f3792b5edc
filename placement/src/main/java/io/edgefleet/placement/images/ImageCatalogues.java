package io.edgefleet.placement.images;

import io.edgefleet.events.plan.PlannedMicroVm;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The image catalogue this placement process uses (ADR 0034), for the request handlers that refuse a
 * Kubernetes version without a node image and for the plan builder that names each microVM's image. It is
 * process-wide because plans are built by plain functions from many places. The catalogue is the file
 * {@value #KEY} names, read on first use (so no request is decided before it is there) and again whenever
 * the file changes. Without one nothing is refused and plans name no digest.
 */
public final class ImageCatalogues {
    /** The configuration key naming the operators' catalogue file. */
    public static final String KEY = "edgefleet.placement.images.catalogue";
    private static final Supplier<ImageCatalogue> NONE = () -> null;

    private static volatile Supplier<ImageCatalogue> active;

    private ImageCatalogues() {
    }

    /** Uses {@code catalogue} from now on instead of the configured one (null: none). */
    public static void use(Supplier<ImageCatalogue> catalogue) {
        active = catalogue == null ? NONE : catalogue;
    }

    /** Goes back to the configured catalogue (read again on next use). */
    public static synchronized void useConfigured() {
        active = null;
    }

    /** The catalogue in use, if any; a configured file that cannot be read throws {@link IllegalArgumentException}. */
    public static Optional<ImageCatalogue> current() {
        Supplier<ImageCatalogue> in = active;
        if (in == null) {
            in = configured();
        }
        return Optional.ofNullable(in.get());
    }

    private static synchronized Supplier<ImageCatalogue> configured() {
        if (active == null) {
            Optional<String> file = ConfigProvider.getConfig().getOptionalValue(KEY, String.class)
                    .filter(f -> !f.isBlank());
            active = file.isEmpty() ? NONE : CatalogueFile.open(Path.of(file.get()))::current;
        }
        return active;
    }

    /**
     * Why a create or upgrade to {@code kubernetesVersion} must be refused: the catalogue is set and names no
     * image for it ("no image for Kubernetes 1.33 in the catalogue; known: 1.31, 1.32"). Empty when the version
     * has an image, or when there is no catalogue.
     */
    public static Optional<String> refusal(String kubernetesVersion) {
        Optional<ImageCatalogue> catalogue = current();
        try {
            catalogue.ifPresent(c -> c.resolve(kubernetesVersion));
            return Optional.empty();
        } catch (NoImageException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The microVMs, each naming the image of its own Kubernetes version. One whose version the catalogue does
     * not name (a cluster placed before its version left the catalogue) keeps its digest or none: its agent
     * then boots its configured image, as before.
     */
    public static List<PlannedMicroVm> pinned(List<PlannedMicroVm> microVms) {
        Optional<ImageCatalogue> catalogue = current();
        if (catalogue.isEmpty()) {
            return microVms;
        }
        return microVms.stream().map(vm -> catalogue.get().digestOf(vm.kubernetesVersion())
                .map(vm::withImageDigest).orElse(vm)).toList();
    }
}
