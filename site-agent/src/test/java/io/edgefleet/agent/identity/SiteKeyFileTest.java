package io.edgefleet.agent.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.identity.SiteSignatureVerifier;
import io.edgefleet.events.identity.SiteSigner;
import io.edgefleet.events.report.AgentHeartbeat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site key is made once, kept private, and its public half is what the operator enrolls. */
class SiteKeyFileTest {
    @TempDir
    Path dir;

    @Test
    void makesTheKeyOnceAndKeepsItAcrossRestarts() throws Exception {
        Path file = dir.resolve("state/site.key");
        PrivateKey first = SiteKeyFile.loadOrCreate(file);
        PrivateKey again = SiteKeyFile.loadOrCreate(file);

        assertEquals(first, again, "a restart keeps the site's identity");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of("site.key", "site.key.pub"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file left behind");
        }

        PublicKey enrolled = SiteKeys.parsePublicKey(Files.readString(SiteKeyFile.publicKeyFile(file)));
        EncodedEvent report = new SiteSigner("edge-1", again).sign(CloudEventCodec.encode(CloudEvent.of(
                "/site-agent/edge-1", new AgentHeartbeat("edge-1", "0.1.0", Instant.now(), 5, List.of()))));
        assertTrue(new SiteSignatureVerifier(s -> Optional.of(enrolled))
                .verify(report.headers(), report.key(), report.value()).valid(), "the .pub file verifies its reports");
    }
}
