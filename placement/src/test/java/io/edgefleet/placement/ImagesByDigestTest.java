package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventType;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ControlPlane;
import io.edgefleet.events.request.WorkerKind;
import io.edgefleet.events.request.Workers;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.placement.images.CatalogueFile;
import io.edgefleet.placement.images.ImageCatalogues;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ADR 0034 over the real stack: with an image catalogue, a create for a Kubernetes version it names is
 * placed and every microVM of the plan names that version's image by digest; a create for a version it
 * does not name is refused saying which versions there are.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class ImagesByDigestTest extends FlowTest {
    private static final String D131 = "sha256:" + "a1".repeat(32);
    private static final String D132 = "sha256:" + "b2".repeat(32);

    @BeforeEach
    void catalogue() throws Exception {
        Path file = Files.createDirectories(Path.of("target", "test-images")).resolve("catalogue.properties");
        Files.writeString(file, "kubernetes.1.31=" + D131 + "\nkubernetes.1.32=" + D132 + "\n");
        ImageCatalogues.use(CatalogueFile.open(file)::current);
    }

    @AfterEach
    void configuredAgain() {
        ImageCatalogues.useConfigured();
    }

    @Test
    void aCatalogueVersionIsPlacedWithItsDigestAndAnUnknownOneIsRefused() throws Exception {
        flow.send(TestFleet.heartbeat("img-1", 3));
        flow.awaitSiteKnown("img-1");

        JsonNode placed = flow.awaitOutcome(flow.send(TestFleet.cluster("c-img-1", "img-1", 3)).requestId());
        assertEquals(EventType.REQUEST_ACCEPTED.ceType(), placed.path("type").asText(), placed.toString());
        SitePlan plan = flow.awaitPlan("img-1", p -> p.microVms().stream().anyMatch(vm -> vm.clusterId().equals("c-img-1")));
        assertEquals(4, plan.microVms().size(), plan.toString());
        for (PlannedMicroVm vm : plan.microVms()) {
            assertEquals(D131, vm.imageDigest(), "1.31.2 boots the catalogue's 1.31 image: " + vm);
        }

        ClusterRequested newer = new ClusterRequested("c-img-2", "team-a", "img-1", "1.33",
                new ControlPlane(1, 2, 4096, 20), new Workers(WorkerKind.MICROVM, 1, 4, 8192L, 40), null, Map.of());
        JsonNode refused = flow.awaitOutcome(flow.send(newer).requestId());
        assertEquals(EventType.REQUEST_REJECTED.ceType(), refused.path("type").asText(), refused.toString());
        assertEquals("IMAGE_UNKNOWN", refused.path("data").path("code").asText(), refused.toString());
        assertTrue(refused.path("data").path("message").asText()
                .contains("no image for Kubernetes 1.33 in the catalogue; known: 1.31, 1.32"), refused.toString());
    }
}
