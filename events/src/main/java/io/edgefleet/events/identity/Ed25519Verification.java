package io.edgefleet.events.identity;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Verifies an Ed25519 signature (RFC 8032) with BouncyCastle's implementation instead of the JDK's
 * {@code Signature("Ed25519")}: placement verifies every report of every site (200 heartbeats/s at
 * 1,000 sites), and the JDK's code was ~5 times slower on this kind of machine (0.7 ms per verify).
 * Each key is decoded once ({@link PublicPointCache}) and verified against its precomputed point,
 * so a verify no longer pays for decompressing the key. Keys stay JDK {@link PublicKey}s
 * everywhere else; signing is unchanged.
 */
final class Ed25519Verification {
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), followed by the 32-byte key. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /**
     * Enough for every enrolled key of a 10,000-site fleet whose sites have up to 16 host agents each
     * (170,000 keys, ADR 0022) plus rotations under way: least-recently-used eviction would re-decode
     * every key on every report once the keys in use outnumber it. An entry is about 250 bytes, so
     * the bound is about 50 MiB, reached only by a fleet that has that many keys.
     */
    static final int CACHED_KEYS = 196_608;

    private static final PublicPointCache POINTS = new PublicPointCache(CACHED_KEYS);

    private Ed25519Verification() {
    }

    /** False for a wrong or malformed signature, or a key that is not a plain, valid Ed25519 key. */
    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        return verify(POINTS, key, message, signature);
    }

    /** As {@link #verify(PublicKey, byte[], byte[])}, with the given cache (tests). */
    static boolean verify(PublicPointCache points, PublicKey key, byte[] message, byte[] signature) {
        byte[] encoded = rawKeyOf(key);
        if (encoded == null || signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        try {
            Ed25519.PublicPoint point = points.point(encoded, X509_PREFIX.length);
            return point != null && Ed25519.verify(signature, 0, point, message, 0, message.length);
        } catch (RuntimeException e) {
            return false; // an undecodable signature fails like a wrong one
        }
    }

    /** Frees the cached point of a key that is no longer enrolled. */
    static void forget(PublicKey key) {
        byte[] encoded = rawKeyOf(key);
        if (encoded != null) {
            POINTS.forget(encoded, X509_PREFIX.length);
        }
    }

    static PublicPointCache sharedCache() {
        return POINTS;
    }

    /** The X.509 encoding of a plain Ed25519 key (prefix + 32 bytes), or null for anything else. */
    private static byte[] rawKeyOf(PublicKey key) {
        byte[] encoded = key == null ? null : key.getEncoded();
        if (encoded == null || encoded.length != X509_PREFIX.length + Ed25519.PUBLIC_KEY_SIZE
                || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            return null;
        }
        return encoded;
    }
}
