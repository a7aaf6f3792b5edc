package io.edgefleet.events.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Where placement's signature of a site plan travels, and how its keys are named (ADR 0027): the
 * CloudEvent extension attribute {@code edgefleetsig} (Kafka header {@code ce_edgefleetsig}), a JWS in
 * compact serialisation with a detached payload, {@code BASE64URL(header)..BASE64URL(signature)}, header
 * {@code {"alg":"EdDSA","kid":"<key id>"}}. The key id is the key's JWK thumbprint (RFC 7638 over the
 * RFC 8037 members {@code crv}, {@code kty}, {@code x}): computed from the public key alone, so an agent
 * configured with a set of public keys knows each one's id without being told.
 */
public final class PlanSignatures {
    /** The Kafka header carrying placement's signature of a plan. */
    public static final String HEADER = "ce_edgefleetsig";

    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private PlanSignatures() {
    }

    /**
     * The key id of an Ed25519 public key: base64url (no padding) of the SHA-256 of
     * {@code {"crv":"Ed25519","kty":"OKP","x":"<base64url of the 32 key bytes>"}}.
     *
     * @throws IllegalArgumentException if the key is not a plain Ed25519 public key
     */
    public static String keyId(PublicKey key) {
        byte[] encoded = key == null ? null : key.getEncoded();
        if (encoded == null || encoded.length != X509_PREFIX.length + Ed25519.PUBLIC_KEY_SIZE
                || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        String x = B64.encodeToString(Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length));
        String jwk = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}";
        try {
            return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /**
     * The public half of an Ed25519 private key as {@link SiteKeys} reads it (PKCS#8 without the public
     * key): what placement names its signing key by, and writes beside a key file it makes.
     *
     * @throws IllegalArgumentException if the key is not a plain PKCS#8 Ed25519 key
     */
    public static PublicKey publicKeyOf(PrivateKey key) {
        byte[] encoded = key == null ? null : key.getEncoded();
        if (encoded == null || encoded.length != PKCS8_PREFIX.length + Ed25519.SECRET_KEY_SIZE
                || !Arrays.equals(encoded, 0, PKCS8_PREFIX.length, PKCS8_PREFIX, 0, PKCS8_PREFIX.length)) {
            throw new IllegalArgumentException("not a plain Ed25519 private key in PKCS#8");
        }
        byte[] spki = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + Ed25519.PUBLIC_KEY_SIZE);
        Ed25519.generatePublicKey(encoded, PKCS8_PREFIX.length, spki, X509_PREFIX.length);
        try {
            return KeyFactory.getInstance(SiteKeys.ALGORITHM).generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot read Ed25519 keys", e);
        }
    }
}
