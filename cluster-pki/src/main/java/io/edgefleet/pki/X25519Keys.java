package io.edgefleet.pki;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Raw 32-byte X25519 keys, and the conversion that lets an agent's enrolled Ed25519 key receive sealed
 * secrets without a second enrolment (age's ssh-ed25519 recipients do the same): the Edwards point's
 * y maps to the Montgomery u = (1 + y) / (1 - y) mod 2^255 - 19, and the X25519 scalar is the first half
 * of SHA-512(seed), the very scalar Ed25519 signs with.
 */
public final class X25519Keys {
    public static final int KEY_SIZE = 32;
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final SecureRandom RANDOM = new SecureRandom();

    private X25519Keys() {
    }

    /** The X25519 public key of an Ed25519 public key; refuses a key that is not a valid prime-order point. */
    public static byte[] publicFromEd25519(byte[] ed25519Public32) {
        requireSize(ed25519Public32, "Ed25519 public key");
        if (!Ed25519.validatePublicKeyFull(ed25519Public32, 0)) {
            throw new IllegalArgumentException("not a valid Ed25519 public key");
        }
        BigInteger y = littleEndian(ed25519Public32, true);
        // y = 1 is the neutral point, which validatePublicKeyFull already refuses; 1 - y is then invertible.
        BigInteger u = BigInteger.ONE.add(y).multiply(BigInteger.ONE.subtract(y).mod(P).modInverse(P)).mod(P);
        return toLittleEndian(u);
    }

    /** The X25519 private key of an Ed25519 seed: SHA-512(seed)[0..32) (X25519 clamps it when used). */
    public static byte[] privateFromEd25519Seed(byte[] seed32) {
        requireSize(seed32, "Ed25519 seed");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(seed32);
            byte[] scalar = Arrays.copyOf(digest, KEY_SIZE);
            Arrays.fill(digest, (byte) 0);
            return scalar;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 missing from this JVM", e);
        }
    }

    /** A new key pair: {private, public}. */
    public static byte[][] generate() {
        byte[] privateKey = new byte[KEY_SIZE];
        X25519.generatePrivateKey(RANDOM, privateKey);
        return new byte[][] {privateKey, publicOf(privateKey)};
    }

    public static byte[] publicOf(byte[] private32) {
        requireSize(private32, "X25519 private key");
        byte[] publicKey = new byte[KEY_SIZE];
        X25519.scalarMultBase(private32, 0, publicKey, 0);
        return publicKey;
    }

    private static void requireSize(byte[] key, String what) {
        if (key == null || key.length != KEY_SIZE) {
            throw new IllegalArgumentException(what + " must be " + KEY_SIZE + " bytes, got "
                    + (key == null ? "none" : key.length));
        }
    }

    /** Little-endian field element; for an Ed25519 encoding the top bit is x's sign and not part of y. */
    private static BigInteger littleEndian(byte[] bytes, boolean dropSignBit) {
        byte[] bigEndian = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[i] = bytes[bytes.length - 1 - i];
        }
        if (dropSignBit) {
            bigEndian[0] &= 0x7f;
        }
        return new BigInteger(1, bigEndian);
    }

    private static byte[] toLittleEndian(BigInteger value) {
        byte[] bigEndian = value.toByteArray();
        byte[] out = new byte[KEY_SIZE];
        for (int i = 0; i < KEY_SIZE && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }
}
