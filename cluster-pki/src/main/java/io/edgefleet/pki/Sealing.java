package io.edgefleet.pki;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;

/**
 * Seals content for several recipients at once (docs/adr/0024): the content is encrypted once with a random
 * 32-byte data key (AES-256-GCM, random 12-byte nonce), and that key is wrapped for each recipient with HPKE
 * (RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM). The same associated data binds
 * both layers, so a sealing moved to another cluster or site does not open.
 */
public final class Sealing {
    /** HPKE's info: names what the wrapped keys are for, so they cannot be replayed into another protocol. */
    static final byte[] INFO = "edgefleet cluster-secrets v1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    static final int NONCE_SIZE = 12;
    static final int DATA_KEY_SIZE = 32;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sealing() {
    }

    public static Sealed seal(byte[] plaintext, byte[] aad, List<Recipient> recipients) {
        requireDistinct(recipients);
        byte[] dataKey = random(DATA_KEY_SIZE);
        try {
            byte[] nonce = random(NONCE_SIZE);
            byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, dataKey, nonce, aad, plaintext);
            List<WrappedKey> keys = new ArrayList<>();
            for (Recipient recipient : recipients) {
                keys.add(wrap(dataKey, aad, recipient));
            }
            return new Sealed(nonce, ciphertext, keys);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM unavailable in this JVM", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * The content, if {@code recipientId} is among the sealing's recipients and {@code x25519Private} is its key.
     *
     * @throws SealingException not a recipient, the wrong key, or anything altered
     */
    public static byte[] open(Sealed sealed, String recipientId, byte[] x25519Private, byte[] aad) {
        WrappedKey wrapped = sealed.keys().stream().filter(key -> key.recipient().equals(recipientId)).findFirst()
                .orElseThrow(() -> new SealingException("not sealed for " + recipientId + " (sealed for "
                        + sealed.keys().stream().map(WrappedKey::recipient).toList() + ")"));
        byte[] dataKey = unwrap(wrapped, x25519Private, aad);
        try {
            return gcm(Cipher.DECRYPT_MODE, dataKey, sealed.nonce(), aad, sealed.ciphertext());
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SealingException("sealed content does not authenticate: content or associated data altered");
        } catch (GeneralSecurityException e) {
            throw new SealingException("sealed content cannot be decrypted", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static WrappedKey wrap(byte[] dataKey, byte[] aad, Recipient recipient) {
        HPKE hpke = hpke();
        try {
            // seal() returns {ciphertext, encapsulated key}.
            byte[][] sealed = hpke.seal(hpke.deserializePublicKey(recipient.x25519Public()), INFO, aad, dataKey,
                    null, null, null);
            return new WrappedKey(recipient.id(), sealed[1], sealed[0]);
        } catch (InvalidCipherTextException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot wrap the data key for " + recipient.id()
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] unwrap(WrappedKey wrapped, byte[] x25519Private, byte[] aad) {
        HPKE hpke = hpke();
        try {
            AsymmetricCipherKeyPair recipient = hpke.deserializePrivateKey(x25519Private,
                    X25519Keys.publicOf(x25519Private));
            byte[] dataKey = hpke.open(wrapped.encapsulatedKey(), recipient, INFO, aad, wrapped.wrappedKey(),
                    null, null, null);
            if (dataKey.length != DATA_KEY_SIZE) {
                throw new SealingException("the data key wrapped for " + wrapped.recipient() + " has the wrong size");
            }
            return dataKey;
        } catch (InvalidCipherTextException | IllegalArgumentException | IllegalStateException e) {
            throw new SealingException("cannot unwrap the data key for " + wrapped.recipient()
                    + ": wrong private key, or the wrapped key or associated data altered");
        }
    }

    private static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }

    private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(input);
    }

    private static void requireDistinct(List<Recipient> recipients) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("sealing for no recipient would make content no one can open");
        }
        Set<String> ids = new HashSet<>();
        for (Recipient recipient : recipients) {
            if (!ids.add(recipient.id())) {
                throw new IllegalArgumentException("recipient " + recipient.id() + " named twice");
            }
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
