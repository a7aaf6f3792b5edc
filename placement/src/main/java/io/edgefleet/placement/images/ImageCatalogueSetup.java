package io.edgefleet.placement.images;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Reads the image catalogue at start, so a file that cannot be read stops placement there with the reason
 * instead of failing the first request batch, and says in the log which versions it has.
 */
@ApplicationScoped
class ImageCatalogueSetup {
    private static final Logger LOG = Logger.getLogger(ImageCatalogueSetup.class);

    void start(@Observes StartupEvent event) {
        ImageCatalogues.current().ifPresentOrElse(
                c -> LOG.infof("image catalogue %s: Kubernetes %s", c.source(), String.join(", ", c.versions())),
                () -> LOG.infof("no image catalogue (%s): plans name no image digest and every Kubernetes version is"
                        + " accepted; agents boot their configured images", ImageCatalogues.KEY));
    }
}
