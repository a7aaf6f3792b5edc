package io.edgefleet.placement.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operators' image catalogue: Kubernetes versions to node-image digests, and the refusal of a version without one. */
class ImageCatalogueTest {
    static final String D131 = "sha256:" + "31".repeat(32);
    static final String D1312 = "sha256:" + "12".repeat(32);
    static final String D132 = "sha256:" + "32".repeat(32);
    static final String D19 = "sha256:" + "09".repeat(32);

    private static ImageCatalogue catalogue() {
        return ImageCatalogue.parse("test", """
                # node images of the fleet
                kubernetes.1.32=%s
                kubernetes.1.31=%s
                kubernetes.1.31.2 = %s
                """.formatted(D132, D131, D1312));
    }

    @AfterEach
    void configuredAgain() {
        ImageCatalogues.useConfigured();
    }

    @Test
    void aVersionFindsItsOwnEntryElseItsMinorVersions() {
        ImageCatalogue c = catalogue();

        assertEquals(D131, c.resolve("1.31"));
        assertEquals(D1312, c.resolve("1.31.2"), "a patch version named itself wins");
        assertEquals(D131, c.resolve("1.31.7"), "other patch versions take their minor version's image");
        assertEquals(D131, c.resolve("v1.31.7"));
        assertEquals(D132, c.resolve("1.32"));
    }

    @Test
    void aVersionWithoutAnImageIsRefusedNamingTheKnownOnes() {
        NoImageException e = assertThrows(NoImageException.class, () -> catalogue().resolve("1.33"));

        assertEquals("no image for Kubernetes 1.33 in the catalogue; known: 1.31, 1.31.2, 1.32", e.getMessage());
    }

    @Test
    void knownVersionsAreListedInVersionOrderNotTextOrder() {
        ImageCatalogue c = ImageCatalogue.parse("t", "kubernetes.1.10=" + D131 + "\nkubernetes.1.9=" + D19 + "\n");

        assertEquals(List.of("1.9", "1.10"), c.versions());
    }

    @Test
    void aWrongLineIsNamedWithWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageCatalogue.parse("cat.properties",
                "kubernetes.1.31=sha256:ABC\nkubernets.1.32=" + D132 + "\n"));

        assertTrue(e.getMessage().startsWith("image catalogue cat.properties: "), e.getMessage());
        assertTrue(e.getMessage().contains("kubernetes.1.31: 'sha256:ABC' is not sha256: followed by 64 lower-case hex digits"),
                e.getMessage());
        assertTrue(e.getMessage().contains("kubernets.1.32: keys are kubernetes.<version>"), e.getMessage());
    }

    @Test
    void withoutACatalogueNothingIsRefused() {
        ImageCatalogues.use(null);

        assertEquals(Optional.empty(), ImageCatalogues.refusal("1.99"));
    }

    @Test
    void withACatalogueAnUnknownVersionIsRefusedAndAKnownOneIsNot() {
        ImageCatalogues.use(ImageCatalogueTest::catalogue);

        assertEquals(Optional.empty(), ImageCatalogues.refusal("1.32"));
        assertEquals(Optional.of("no image for Kubernetes 1.33 in the catalogue; known: 1.31, 1.31.2, 1.32"),
                ImageCatalogues.refusal("1.33"));
    }

    @Test
    void theFileIsReadAgainWhenItChangesAndABrokenEditKeepsTheLastGoodOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("images.properties");
        Files.writeString(file, "kubernetes.1.31=" + D131 + "\n");
        CatalogueFile catalogue = CatalogueFile.open(file);
        assertEquals(List.of("1.31"), catalogue.current().versions());

        Files.writeString(file, "kubernetes.1.31=" + D131 + "\nkubernetes.1.32=" + D132 + "\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
        Thread.sleep(1100); // the file is looked at once a second at most
        assertEquals(List.of("1.31", "1.32"), catalogue.current().versions());

        Files.writeString(file, "kubernetes.1.33=not-a-digest\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 4000));
        Thread.sleep(1100);
        assertEquals(List.of("1.31", "1.32"), catalogue.current().versions(), "a broken edit changes nothing");
    }

    @Test
    void aMissingFileStopsTheStartSayingWhich(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CatalogueFile.open(dir.resolve("absent.properties")));

        assertTrue(e.getMessage().startsWith("cannot read the image catalogue " + dir.resolve("absent.properties")),
                e.getMessage());
    }
}
