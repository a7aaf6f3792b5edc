package io.edgefleet.api.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings checked at start, a repository shown without credentials, and ids that depend on every part. */
class GitOpsSettingsTest {
    private static GitOpsSettings settings(String repository, String directory, Duration interval) {
        return new GitOpsSettings(repository, "main", directory, interval, Path.of("/tmp/x"));
    }

    @Test
    void aTokenInTheUrlIsNeverShown() {
        assertEquals("https://git.example.org/ops/specs.git",
                settings("https://ci:s3cret@git.example.org/ops/specs.git", "", Duration.ofSeconds(30)).shown());
        assertEquals("/srv/specs", settings("/srv/specs", "", Duration.ofSeconds(30)).shown());
    }

    @Test
    void badSettingsAreNamed() {
        assertTrue(settings("r", "", Duration.ZERO).problem().orElseThrow().contains("fleet.gitops.interval"));
        assertTrue(settings("r", "../etc", Duration.ofSeconds(1)).problem().orElseThrow()
                .contains("fleet.gitops.directory"));
        assertTrue(settings("r", "clusters", Duration.ofSeconds(1)).problem().isEmpty());
        assertEquals("clusters/", settings("r", "/clusters/", Duration.ofSeconds(1)).prefix());
    }

    @Test
    void idsAreStableAndDifferInEveryPart() {
        String id = RequestIds.of("r", "a.yaml", "create", "c1", "b1");
        assertEquals(id, RequestIds.of("r", "a.yaml", "create", "c1", "b1"));
        assertNotEquals(id, RequestIds.of("r2", "a.yaml", "create", "c1", "b1"));
        assertNotEquals(id, RequestIds.of("r", "b.yaml", "create", "c1", "b1"));
        assertNotEquals(id, RequestIds.of("r", "a.yaml", "scale", "c1", "b1"));
        assertNotEquals(id, RequestIds.of("r", "a.yaml", "create", "c2", "b1"));
        assertNotEquals(id, RequestIds.of("r", "a.yaml", "create", "c1", "b2"));
    }
}
