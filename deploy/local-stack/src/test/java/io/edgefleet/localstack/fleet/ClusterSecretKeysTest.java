package io.edgefleet.localstack.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgefleet.pki.AtRestCipher;
import io.edgefleet.pki.X25519Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecretKeysTest {
    @Test
    void keysAreMadeOnceOwnerOnlyAndPlacementsReaderIsFleetApisKey(@TempDir Path runDir) throws Exception {
        Map<String, String> placement = ClusterSecretKeys.placementConfig(runDir);
        Map<String, String> api = ClusterSecretKeys.fleetApiConfig(runDir);
        Path kek = Path.of(placement.get("edgefleet.placement.secrets.kek-file"));
        Path reader = Path.of(api.get("edgefleet.api.secrets.reader-key-file"));
        for (Path file : new Path[] {kek, reader}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }
        // Placement's own check of the KEK file (format and mode) accepts it.
        AtRestCipher cipher = AtRestCipher.fromFile(kek);
        byte[] box = cipher.encrypt(new byte[] {1, 2, 3}, new byte[0]);

        byte[] readerPrivate = Base64.getDecoder().decode(Files.readString(reader, StandardCharsets.US_ASCII).strip());
        assertEquals("fleet-api=" + Base64.getEncoder().encodeToString(X25519Keys.publicOf(readerPrivate)),
                placement.get("edgefleet.placement.secrets.readers"));

        // A later start keeps both keys: secrets issued before it still open.
        assertEquals(placement, ClusterSecretKeys.placementConfig(runDir));
        assertEquals(api, ClusterSecretKeys.fleetApiConfig(runDir));
        assertEquals(3, AtRestCipher.fromFile(kek).decrypt(box, new byte[0]).length);
    }
}
