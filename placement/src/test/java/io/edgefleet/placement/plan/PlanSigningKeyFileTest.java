package io.edgefleet.placement.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.identity.KeyPairFiles;
import io.edgefleet.events.identity.PlanSignatures;
import io.edgefleet.events.identity.SiteKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Placement's plan-signing key file: made once when asked, never replaced, refused with the file's name when unusable. */
class PlanSigningKeyFileTest {

    @Test
    void madeOnFirstStartWithItsPublicKeyBesideItAndKeptAfterwards(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/plan-signing.key");
        PrivateKey first = PlanSigningKeyFile.load(file, true);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String pub = Files.readString(KeyPairFiles.publicKeyFile(file), StandardCharsets.US_ASCII);
        assertEquals(PlanSignatures.publicKeyOf(first), SiteKeys.parsePublicKey(pub));
        PrivateKey again = PlanSigningKeyFile.load(file, true);
        assertEquals(first, again, "an existing key is read, never replaced");
    }

    @Test
    void aMissingKeyIsNotMadeUnlessAsked(@TempDir Path dir) {
        Path file = dir.resolve("plan-signing.key");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlanSigningKeyFile.load(file, false));
        assertTrue(e.getMessage().contains(file + " does not exist"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void aKeyOthersMayReadOrThatIsNoKeyIsRefusedNamingTheFileOnly(@TempDir Path dir) throws Exception {
        Path open = dir.resolve("open.key");
        Files.writeString(open, SiteKeys.privateKeyPem(SiteKeys.generate().getPrivate()));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlanSigningKeyFile.load(open, false));
        assertTrue(e.getMessage().contains("readable by its owner only"), e.getMessage());

        Path garbage = dir.resolve("garbage.key");
        Files.writeString(garbage, "-----BEGIN PRIVATE KEY-----\nc2VjcmV0IG5vdCBhIGtleQ==\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rw-------"));
        e = assertThrows(IllegalArgumentException.class, () -> PlanSigningKeyFile.load(garbage, false));
        assertEquals("plan-signing key file " + garbage + " is not an Ed25519 private key in PKCS#8 PEM", e.getMessage());
    }
}
