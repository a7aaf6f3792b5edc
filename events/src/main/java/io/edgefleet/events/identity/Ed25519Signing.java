package io.edgefleet.events.identity;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Signs with BouncyCastle's RFC 8032 Ed25519 when the key is a plain PKCS#8 Ed25519 key (what
 * {@link SiteKeys} makes and reads), else with the JDK's. Ed25519 signatures are deterministic, so
 * both give the same bytes; BouncyCastle's code is several times faster, which matters where one
 * process signs for many sites (the fleet-scale bench runs 1,000 agents in one JVM).
 */
final class Ed25519Signing {
    /** The DER prefix of an Ed25519 PKCS#8 private key without its public key (RFC 8410), then 32 bytes. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private final PrivateKey key;
    private final byte[] raw;

    Ed25519Signing(PrivateKey key) {
        this.key = key;
        byte[] encoded = key.getEncoded();
        boolean plain = encoded != null && encoded.length == PKCS8_PREFIX.length + Ed25519.SECRET_KEY_SIZE
                && Arrays.equals(encoded, 0, PKCS8_PREFIX.length, PKCS8_PREFIX, 0, PKCS8_PREFIX.length);
        this.raw = plain ? Arrays.copyOfRange(encoded, PKCS8_PREFIX.length, encoded.length) : null;
    }

    byte[] sign(byte[] message) throws GeneralSecurityException {
        if (raw != null) {
            byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
            Ed25519.sign(raw, 0, message, 0, message.length, signature, 0);
            return signature;
        }
        Signature sig = Signature.getInstance(SiteKeys.ALGORITHM);
        sig.initSign(key);
        sig.update(message);
        return sig.sign();
    }
}
