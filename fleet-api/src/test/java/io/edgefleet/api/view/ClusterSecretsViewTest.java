package io.edgefleet.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.secret.ClusterSecretsSealed;
import io.edgefleet.events.secret.SealedKey;
import io.edgefleet.events.secret.SealedSecrets;
import io.edgefleet.pki.ClusterPki;
import io.edgefleet.pki.ClusterSecrets;
import io.edgefleet.pki.Recipient;
import io.edgefleet.pki.Sealed;
import io.edgefleet.pki.Sealing;
import io.edgefleet.pki.SealingException;
import io.edgefleet.pki.X25519Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader key as loaded at start, and opening the latest sealing of a cluster with it. */
class ClusterSecretsViewTest {
    @TempDir
    Path dir;

    private final ClusterSecrets secrets = ClusterPki.create("demo-3", Instant.now());

    @Test
    void opensTheLatestSealingForFleetApiAndForgetsAClusterOnItsTombstone() throws Exception {
        byte[][] reader = X25519Keys.generate();
        ClusterSecretsView view = SecretsViews.withKeyFile(keyFile(Base64.getEncoder().encodeToString(reader[0])));
        assertTrue(view.canOpen());
        assertEquals(Optional.empty(), view.open("demo-3"));
        view.apply(sealed(ClusterPki.create("demo-3", Instant.now()), "reader:fleet-api", reader[1]));
        view.apply(sealed(secrets, "reader:fleet-api", reader[1]));
        assertEquals(Optional.of(secrets), view.open("demo-3"), "the latest sealing wins");
        view.forget("demo-3");
        assertEquals(Optional.empty(), view.open("demo-3"));
    }

    @Test
    void aSealingForOthersOrForAnotherKeyDoesNotOpen() throws Exception {
        byte[][] reader = X25519Keys.generate();
        ClusterSecretsView view = SecretsViews.withKeyFile(keyFile(Base64.getEncoder().encodeToString(reader[0])));
        view.apply(sealed(secrets, "reader:billing", reader[1]));
        assertTrue(assertThrows(SealingException.class, () -> view.open("demo-3")).getMessage()
                .contains("not sealed for reader:fleet-api"));
        view.apply(sealed(secrets, "reader:fleet-api", X25519Keys.generate()[1]));
        assertThrows(SealingException.class, () -> view.open("demo-3"));
    }

    @Test
    void withoutAUsableKeyNothingOpensAndTheReasonSaysWhyWithoutTheKey() throws Exception {
        assertUnavailable(SecretsViews.withKeyFile(null), "edgefleet.api.secrets.reader-key-file is not set");
        assertUnavailable(SecretsViews.withKeyFile(dir.resolve("absent.key").toString()), "is missing or unreadable");
        assertUnavailable(SecretsViews.withKeyFile(keyFile("c2VjcmV0LWJ1dC1zaG9ydA==")), "must hold base64 of 32 bytes, holds 16");
        ClusterSecretsView garbage = SecretsViews.withKeyFile(keyFile("secret*not*base64"));
        assertUnavailable(garbage, "is not base64");
        assertFalse(garbage.whyNot().contains("secret*"), garbage.whyNot());
    }

    private static void assertUnavailable(ClusterSecretsView view, String reason) {
        assertFalse(view.canOpen());
        assertTrue(view.whyNot().contains(reason), view.whyNot());
        view.apply(new ClusterSecretsSealed("demo-3", "team-a", "edge-par-01", 1,
                new SealedSecrets(SealedSecrets.SCHEME, "", "", List.of()), Instant.now()));
        assertThrows(IllegalStateException.class, () -> view.open("demo-3"));
    }

    private String keyFile(String content) throws Exception {
        Path file = Files.createTempFile(dir, "reader", ".key");
        Files.writeString(file, content);
        return file.toString();
    }

    private static ClusterSecretsSealed sealed(ClusterSecrets secrets, String recipient, byte[] publicKey) {
        Sealed sealed = Sealing.seal(secrets.encode(), ClusterSecretsSealed.associatedData("demo-3", "edge-par-01"),
                List.of(new Recipient(recipient, publicKey)));
        Base64.Encoder base64 = Base64.getEncoder();
        return new ClusterSecretsSealed("demo-3", "team-a", "edge-par-01", 1, new SealedSecrets(SealedSecrets.SCHEME,
                base64.encodeToString(sealed.nonce()), base64.encodeToString(sealed.ciphertext()),
                sealed.keys().stream().map(k -> new SealedKey(k.recipient(), base64.encodeToString(k.encapsulatedKey()),
                        base64.encodeToString(k.wrappedKey()))).toList()), Instant.now());
    }
}
