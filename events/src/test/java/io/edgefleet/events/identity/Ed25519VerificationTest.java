package io.edgefleet.events.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The verifier must say exactly what the JDK's Ed25519 says, for keys made by SiteKeys. */
class Ed25519VerificationTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032 section 7.1, TEST 1 (empty message). */
    @Test
    void acceptsTheRfc8032TestVectorAndRefusesItAltered() throws Exception {
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(HEX.parseHex(
                "302a300506032b6570032100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")));
        byte[] signature = HEX.parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
                + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        assertTrue(Ed25519Verification.verify(key, new byte[0], signature));
        assertFalse(Ed25519Verification.verify(key, new byte[] {0}, signature));
        signature[63] ^= 1;
        assertFalse(Ed25519Verification.verify(key, new byte[0], signature));
    }

    @Test
    void agreesWithTheJdkOnSignedAlteredAndForeignReports() throws Exception {
        Random random = new Random(8032);
        KeyPair site = SiteKeys.generate();
        KeyPair other = SiteKeys.generate();
        for (int i = 0; i < 300; i++) {
            byte[] message = new byte[random.nextInt(6000)];
            random.nextBytes(message);
            byte[] signature = sign(i % 3 == 0 ? other : site, message);
            switch (i % 4) {
                case 1 -> signature[random.nextInt(signature.length)] ^= (byte) (1 + random.nextInt(255));
                case 2 -> {
                    if (message.length > 0) {
                        message[random.nextInt(message.length)] ^= 1;
                    }
                }
                default -> { }
            }
            assertEquals(jdkVerify(site.getPublic(), message, signature),
                    Ed25519Verification.verify(site.getPublic(), message, signature), "case " + i);
        }
    }

    /** Ed25519 is deterministic: the fast signer must give the JDK's bytes exactly. */
    @Test
    void signsExactlyAsTheJdkDoes() throws Exception {
        Random random = new Random(25519);
        KeyPair site = SiteKeys.generate();
        Ed25519Signing signer = new Ed25519Signing(SiteKeys.parsePrivateKey(SiteKeys.privateKeyPem(site.getPrivate())));
        for (int i = 0; i < 200; i++) {
            byte[] message = new byte[random.nextInt(7000)];
            random.nextBytes(message);
            assertArrayEquals(sign(site, message), signer.sign(message), "message " + i);
        }
    }

    /**
     * Through the cache: the first verify decodes the key, the next ones reuse its point, and every
     * answer is still the JDK's; a rotated key gets its own point, so the old key's signatures stay
     * refused under the new key and the new key's are accepted at once.
     */
    @Test
    void theCachedPointAgreesWithTheJdkAndARotatedKeyGetsItsOwn() throws Exception {
        PublicPointCache cache = new PublicPointCache(8);
        Random random = new Random(4711);
        KeyPair before = SiteKeys.generate();
        KeyPair after = SiteKeys.generate();
        byte[] encodedBefore = before.getPublic().getEncoded();
        for (int i = 0; i < 120; i++) {
            byte[] message = new byte[random.nextInt(7000)];
            random.nextBytes(message);
            KeyPair signer = i % 3 == 0 ? after : before;
            byte[] signature = sign(signer, message);
            if (i % 5 == 1) {
                signature[random.nextInt(signature.length)] ^= 1;
            }
            KeyPair enrolled = i < 60 ? before : after; // rotation half-way
            assertEquals(jdkVerify(enrolled.getPublic(), message, signature),
                    Ed25519Verification.verify(cache, enrolled.getPublic(), message, signature), "case " + i);
        }
        assertEquals(2, cache.size());
        assertTrue(cache.contains(encodedBefore, 12));
        cache.forget(encodedBefore, 12);
        assertFalse(cache.contains(encodedBefore, 12));
        byte[] message = {1, 2, 3};
        assertTrue(Ed25519Verification.verify(cache, before.getPublic(), message, sign(before, message)));
        assertFalse(Ed25519Verification.verify(cache, after.getPublic(), message, sign(before, message)));
    }

    @Test
    void theCacheIsBoundedAndStillRightForKeysItDropped() throws Exception {
        PublicPointCache cache = new PublicPointCache(3);
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add(SiteKeys.generate());
        }
        byte[] message = "heartbeat".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int round = 0; round < 2; round++) {
            for (KeyPair k : keys) {
                assertTrue(Ed25519Verification.verify(cache, k.getPublic(), message, sign(k, message)));
                assertFalse(Ed25519Verification.verify(cache, k.getPublic(), message, sign(keys.get(0) == k ? keys.get(1)
                        : keys.get(0), message)));
                assertTrue(cache.size() <= 3, "size " + cache.size());
            }
        }
    }

    /** Through the shared cache, as SiteSignatureVerifier uses it; a retired key's point is freed. */
    @Test
    void aRetiredKeyLeavesTheSharedCache() throws Exception {
        KeyPair site = SiteKeys.generate();
        byte[] message = {7};
        assertTrue(Ed25519Verification.verify(site.getPublic(), message, sign(site, message)));
        assertTrue(Ed25519Verification.sharedCache().contains(site.getPublic().getEncoded(), 12));
        EnrolledSiteKeys keys = new EnrolledSiteKeys();
        keys.enroll("edge-par-01", SiteKeys.publicKeyPem(site.getPublic()));
        keys.enroll("edge-par-01", SiteKeys.publicKeyPem(SiteKeys.generate().getPublic())); // rotation
        assertFalse(Ed25519Verification.sharedCache().contains(site.getPublic().getEncoded(), 12));
        assertTrue(Ed25519Verification.verify(site.getPublic(), message, sign(site, message)));
    }

    @Test
    void refusesAKeyThatIsNotAPointOfTheCurve() throws Exception {
        // A 32-byte "key" whose y has no x on the curve: refused, not cached, no exception.
        byte[] bad = new byte[44];
        System.arraycopy(HEX.parseHex("302a300506032b6570032100"), 0, bad, 0, 12);
        bad[12] = 2; // y = 2 is not the y of any point of edwards25519
        PublicKey key = new PublicKey() {
            @Override
            public String getAlgorithm() {
                return "Ed25519";
            }

            @Override
            public String getFormat() {
                return "X.509";
            }

            @Override
            public byte[] getEncoded() {
                return bad.clone();
            }
        };
        PublicPointCache cache = new PublicPointCache(4);
        assertFalse(Ed25519Verification.verify(cache, key, new byte[] {1}, new byte[64]));
        assertEquals(0, cache.size());
    }

    @Test
    void refusesSignaturesOfTheWrongLength() {
        KeyPair site = SiteKeys.generate();
        assertFalse(Ed25519Verification.verify(site.getPublic(), new byte[] {1}, new byte[63]));
        assertFalse(Ed25519Verification.verify(site.getPublic(), new byte[] {1}, new byte[0]));
    }

    private static byte[] sign(KeyPair pair, byte[] message) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pair.getPrivate());
        s.update(message);
        return s.sign();
    }

    private static boolean jdkVerify(PublicKey key, byte[] message, byte[] signature) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(message);
        try {
            return s.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }
}
