package io.edgefleet.agent.image;

import io.edgefleet.agent.AgentConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Sets the image mirror ({@code edgefleet.agent.images.mirror}) before the first plan is reconciled. */
@ApplicationScoped
class ImageSetup {
    private static final Logger LOG = Logger.getLogger(ImageSetup.class);

    @Inject
    AgentConfig config;
    @Inject
    MeterRegistry meters;

    // Before the reconciler starts (default observer priority 2500): its first run may already create microVMs.
    void start(@Observes @Priority(100) StartupEvent event) {
        AgentConfig.Images images = config.images();
        if (images.mirror().isEmpty() || images.mirror().get().isBlank()) {
            SiteImages.use(null, null);
            LOG.info("no image mirror (edgefleet.agent.images.mirror): microVMs boot the configured base image");
            return;
        }
        ImageMirror mirror = ImageMirror.of(images.mirror().get(), images.fetchTimeout());
        SiteImages.use(mirror, new ImageFetchMetrics(meters));
        LOG.infof("image mirror %s: images the plan names by digest are fetched once into each image directory,"
                + " verified, and refused on a digest mismatch", mirror.base());
    }
}
