package io.edgefleet.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealingTest {
    private static final byte[] AAD = "edgefleet cluster-secrets v1 edge-par-01/demo-3".getBytes(StandardCharsets.UTF_8);

    private final byte[][] site = X25519Keys.generate();
    private final byte[][] host = X25519Keys.generate();
    private final byte[][] reader = X25519Keys.generate();
    private final List<Recipient> recipients = List.of(new Recipient("site:edge-par-01", site[1]),
            new Recipient("host:edge-par-01/h1", host[1]), new Recipient("reader:fleet-api", reader[1]));

    @Test
    void everyRecipientOpensTheSameContent() {
        byte[] content = ClusterPki.create("demo-3", Instant.now()).encode();
        Sealed sealed = Sealing.seal(content, AAD, recipients);
        assertArrayEquals(content, Sealing.open(sealed, "site:edge-par-01", site[0], AAD));
        assertArrayEquals(content, Sealing.open(sealed, "host:edge-par-01/h1", host[0], AAD));
        assertArrayEquals(content, Sealing.open(sealed, "reader:fleet-api", reader[0], AAD));
        assertEquals(3, sealed.keys().size());
        assertEquals(12, sealed.nonce().length);
        assertEquals(content.length + 16, sealed.ciphertext().length);
        // Each wrap has its own ephemeral key: no two recipients share an encapsulation.
        assertNotEquals(Arrays.toString(sealed.keys().get(0).encapsulatedKey()), Arrays.toString(sealed.keys().get(1).encapsulatedKey()));
    }

    @Test
    void aRecipientFromAnEd25519SeedOpensWhatWasSealedToItsConvertedPublicKey() {
        byte[] seed = new byte[32];
        new java.security.SecureRandom().nextBytes(seed);
        byte[] edPublic = new byte[32];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, edPublic, 0);
        Sealed sealed = Sealing.seal(new byte[] {1, 2, 3}, AAD,
                List.of(new Recipient("site:s", X25519Keys.publicFromEd25519(edPublic))));
        assertArrayEquals(new byte[] {1, 2, 3}, Sealing.open(sealed, "site:s", X25519Keys.privateFromEd25519Seed(seed), AAD));
    }

    @Test
    void aNonRecipientCannotOpen() {
        Sealed sealed = Sealing.seal(new byte[] {42}, AAD, recipients);
        byte[][] stranger = X25519Keys.generate();
        SealingException notNamed = assertThrows(SealingException.class,
                () -> Sealing.open(sealed, "site:edge-lyo-02", stranger[0], AAD));
        assertTrue(notNamed.getMessage().contains("not sealed for site:edge-lyo-02"), notNamed.getMessage());
        SealingException wrongKey = assertThrows(SealingException.class,
                () -> Sealing.open(sealed, "site:edge-par-01", stranger[0], AAD));
        assertTrue(wrongKey.getMessage().contains("cannot unwrap"), wrongKey.getMessage());
    }

    @Test
    void alteredCiphertextNonceWrappedKeyOrAssociatedDataFail() {
        Sealed sealed = Sealing.seal("secret".getBytes(StandardCharsets.UTF_8), AAD, recipients);
        byte[] ciphertext = sealed.ciphertext();
        ciphertext[0] ^= 1;
        assertThrows(SealingException.class, () -> Sealing.open(new Sealed(sealed.nonce(), ciphertext, sealed.keys()),
                "reader:fleet-api", reader[0], AAD));
        byte[] nonce = sealed.nonce();
        nonce[11] ^= 1;
        assertThrows(SealingException.class, () -> Sealing.open(new Sealed(nonce, sealed.ciphertext(), sealed.keys()),
                "reader:fleet-api", reader[0], AAD));
        List<WrappedKey> keys = new ArrayList<>(sealed.keys());
        byte[] wrapped = keys.get(2).wrappedKey();
        wrapped[5] ^= 1;
        keys.set(2, new WrappedKey("reader:fleet-api", keys.get(2).encapsulatedKey(), wrapped));
        assertThrows(SealingException.class, () -> Sealing.open(new Sealed(sealed.nonce(), sealed.ciphertext(), keys),
                "reader:fleet-api", reader[0], AAD));
        byte[] otherCluster = "edgefleet cluster-secrets v1 edge-par-01/demo-4".getBytes(StandardCharsets.UTF_8);
        SealingException moved = assertThrows(SealingException.class,
                () -> Sealing.open(sealed, "reader:fleet-api", reader[0], otherCluster));
        assertTrue(moved.getMessage().contains("associated data"), moved.getMessage());
    }

    @Test
    void aWrappedKeyRelabelledForAnotherRecipientDoesNotOpen() {
        Sealed sealed = Sealing.seal(new byte[] {7}, AAD, recipients);
        WrappedKey siteKey = sealed.keys().get(0);
        Sealed relabelled = new Sealed(sealed.nonce(), sealed.ciphertext(),
                List.of(new WrappedKey("reader:fleet-api", siteKey.encapsulatedKey(), siteKey.wrappedKey())));
        assertThrows(SealingException.class, () -> Sealing.open(relabelled, "reader:fleet-api", reader[0], AAD));
    }

    @Test
    void refusesNoRecipientAndADuplicateRecipient() {
        assertThrows(IllegalArgumentException.class, () -> Sealing.seal(new byte[1], AAD, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Sealing.seal(new byte[1], AAD,
                List.of(recipients.get(0), new Recipient("site:edge-par-01", host[1]))));
    }
}
