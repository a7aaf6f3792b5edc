package io.edgefleet.pki;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets kept at rest (placement's database) with a key-encryption key: AES-256-GCM, a random
 * 12-byte nonce per box. A box is {@code 1 | keyId length | keyId | nonce | ciphertext+tag}; the header is
 * authenticated with the caller's associated data, so a box cannot be moved to another row or relabelled,
 * and a box made under another key says which key it needs (the way a key rotation shows up).
 */
public final class AtRestCipher {
    private static final byte VERSION = 1;
    private static final int NONCE_SIZE = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String keyId;
    private final SecretKeySpec key;

    public AtRestCipher(String keyId, byte[] key32) {
        if (keyId == null || keyId.isEmpty() || keyId.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("keyId must be 1 to 255 bytes");
        }
        if (key32 == null || key32.length != 32) {
            throw new IllegalArgumentException("the key-encryption key must be 32 bytes");
        }
        this.keyId = keyId;
        this.key = new SecretKeySpec(key32.clone(), "AES");
    }

    /**
     * The key from a file holding base64 of 32 bytes, readable by its owner only (0600 or 0400). Its id is a
     * fingerprint of the key (the first 8 bytes of SHA-256 over a label and the key), so renaming the file
     * changes nothing and a different key is told apart.
     */
    public static AtRestCipher fromFile(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> open = EnumSet.copyOf(GROUP_OR_OTHER);
            open.retainAll(permissions);
            if (!open.isEmpty()) {
                throw new IllegalArgumentException("key file " + file + " must be readable by its owner only (chmod 600), has "
                        + java.nio.file.attribute.PosixFilePermissions.toString(permissions));
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to check.
        } catch (IOException e) {
            throw new IllegalArgumentException("key file " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
        byte[] key = readKey(file);
        try {
            return new AtRestCipher(fingerprint(key), key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    public String keyId() {
        return keyId;
    }

    public byte[] encrypt(byte[] plain, byte[] aad) {
        byte[] header = header(keyId);
        byte[] nonce = new byte[NONCE_SIZE];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, header, aad).doFinal(plain);
            return ByteBuffer.allocate(header.length + NONCE_SIZE + sealed.length).put(header).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM unavailable in this JVM", e);
        }
    }

    /** @throws IllegalArgumentException not a box, made under another key, or altered (box or associated data) */
    public byte[] decrypt(byte[] box, byte[] aad) {
        if (box == null || box.length < 2 || box[0] != VERSION) {
            throw new IllegalArgumentException("not an at-rest box of version " + VERSION);
        }
        int idLength = box[1] & 0xff;
        int headerLength = 2 + idLength;
        if (box.length < headerLength + NONCE_SIZE + TAG_BITS / 8) {
            throw new IllegalArgumentException("at-rest box is truncated");
        }
        String boxKeyId = new String(box, 2, idLength, StandardCharsets.UTF_8);
        if (!boxKeyId.equals(keyId)) {
            throw new IllegalArgumentException("at-rest box was made under key " + boxKeyId + ", this cipher holds " + keyId);
        }
        byte[] header = Arrays.copyOf(box, headerLength);
        byte[] nonce = Arrays.copyOfRange(box, headerLength, headerLength + NONCE_SIZE);
        try {
            return cipher(Cipher.DECRYPT_MODE, nonce, header, aad).doFinal(box, headerLength + NONCE_SIZE,
                    box.length - headerLength - NONCE_SIZE);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("at-rest box does not authenticate: altered, or read with other associated data");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM unavailable in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "AtRestCipher[keyId=" + keyId + "]";
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] header, byte[] aad) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(header);
        cipher.updateAAD(aad);
        return cipher;
    }

    private static byte[] header(String keyId) {
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + id.length).put(VERSION).put((byte) id.length).put(id).array();
    }

    private static byte[] readKey(Path file) {
        byte[] text;
        try {
            text = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("key file " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(new String(text, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key file " + file + " is not base64");
        } finally {
            Arrays.fill(text, (byte) 0);
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("key file " + file + " must hold base64 of 32 bytes, holds " + key.length);
        }
        return key;
    }

    private static String fingerprint(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("edgefleet at-rest key id".getBytes(StandardCharsets.US_ASCII));
            return "kek-" + HexFormat.of().formatHex(sha256.digest(key), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
