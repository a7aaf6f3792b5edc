package io.edgefleet.events.secret;

import java.util.List;

/**
 * Secret material sealed for a few named recipients: encrypted once with a random data key (AES-256-GCM),
 * that data key wrapped per recipient ({@link SealedKey}). Only a holder of a recipient's private key can
 * read it; anyone else (every agent of the partition, the broker, a backup) sees ciphertext.
 *
 * @param scheme     {@code hpke-x25519-sha256-aes256gcm/aes256gcm}: how keys are wrapped / the content is sealed
 * @param nonce      the 12-byte AES-GCM nonce of the content, base64
 * @param ciphertext the sealed content with its GCM tag, base64
 * @param keys       one wrapped data key per recipient
 */
public record SealedSecrets(String scheme, String nonce, String ciphertext, List<SealedKey> keys) {
    public static final String SCHEME = "hpke-x25519-sha256-aes256gcm/aes256gcm";

    public SealedSecrets {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }
}
