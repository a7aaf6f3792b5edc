package io.edgefleet.agent.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.driver.host.BaseImages;
import io.edgefleet.agent.driver.host.HostSetupException;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The creation path with a mirror: a base image named by digest and missing from the host is fetched into the
 * driver's image directory; a wrong one fails the microVM's creation with the refusal as its reason (drivers
 * turn a {@link HostSetupException} into a FAILED status carrying its message).
 */
class BaseImagesFromMirrorTest {
    @TempDir
    Path imagesDir;
    @TempDir
    Path mirrorDir;

    @AfterEach
    void noMirror() {
        SiteImages.use(null, null);
    }

    private void mirror() {
        SiteImages.use(ImageMirror.of(mirrorDir.toUri().toString(), Duration.ofSeconds(5)),
                new ImageFetchMetrics(new SimpleMeterRegistry()));
    }

    private String publish(String content, String asDigestOf) throws Exception {
        String digest = ImageCacheTest.digestOf(asDigestOf.getBytes());
        Files.createDirectories(mirrorDir.resolve("sha256"));
        Files.writeString(mirrorDir.resolve("sha256").resolve(digest.substring(7)), content);
        return digest;
    }

    @Test
    void aMissingImageIsFetchedIntoTheImageDirectory() throws Exception {
        String digest = publish("node image", "node image");
        mirror();

        BaseImages.Image image = new BaseImages(imagesDir).resolve(digest);

        assertEquals(imagesDir.resolve("sha256").resolve(digest.substring(7)), image.file());
        assertEquals(digest, image.digest());
        assertEquals(digest, new BaseImages(imagesDir).resolve(digest).digest(), "found and verified next time");
    }

    @Test
    void aWrongImageFailsTheCreationWithTheRefusal() throws Exception {
        String digest = publish("something else", "node image");
        mirror();

        HostSetupException e = assertThrows(HostSetupException.class, () -> new BaseImages(imagesDir).resolve(digest));

        assertTrue(e.getMessage().startsWith("image " + digest + " from file:"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; refused"), e.getMessage());
        assertTrue(Files.notExists(imagesDir.resolve("sha256").resolve(digest.substring(7))));
    }

    @Test
    void withoutAMirrorAMissingImageFailsAsBeforeAndMicroVmsBootTheConfiguredImage() throws Exception {
        String digest = publish("node image", "node image");
        SiteImages.use(null, null);
        PlannedMicroVm vm = new PlannedMicroVm("c1-cp-0", "c1", MicroVmRole.CONTROL_PLANE, "h1", 2, 4096, 20, "1.31")
                .withImageDigest(digest);

        assertTrue(assertThrows(HostSetupException.class, () -> new BaseImages(imagesDir).resolve(digest))
                .getMessage().contains("is not on this host"));
        assertEquals("/images/node-1.31.ext4", SiteImages.baseImage(vm, "/images/node-{version}.ext4"));
        mirror();
        assertEquals(digest, SiteImages.baseImage(vm, "/images/node-{version}.ext4"), "with a mirror: the plan's digest");
    }
}
