package io.edgefleet.placement.secrets;

import io.edgefleet.events.secret.ClusterSecretsSealed;
import io.edgefleet.events.secret.SealedKey;
import io.edgefleet.events.secret.SealedSecrets;
import io.edgefleet.pki.AtRestCipher;
import io.edgefleet.pki.ClusterPki;
import io.edgefleet.pki.ClusterSecrets;
import io.edgefleet.pki.Recipient;
import io.edgefleet.pki.Sealed;
import io.edgefleet.pki.Sealing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The issuer's cryptography in one place: a new cluster's secrets made and boxed under the key-encryption key
 * (associated data = the cluster id), and a stored box opened and sealed for recipients as the contract's
 * {@link ClusterSecretsSealed}. Plaintext lives only inside these calls and is wiped before they return.
 */
final class SecretsSealer {
    private final AtRestCipher cipher;

    SecretsSealer(AtRestCipher cipher) {
        this.cipher = cipher;
    }

    /** The id of the key-encryption key, stored with every box. */
    String keyId() {
        return cipher.keyId();
    }

    /** A new cluster's secrets, already encrypted for storage. */
    byte[] issue(String clusterId, Instant now) {
        ClusterSecrets secrets = ClusterPki.create(clusterId, now);
        byte[] plain = secrets.encode();
        try {
            return cipher.encrypt(plain, boxAad(clusterId));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * The stored secrets of a cluster sealed for {@code recipients}, as the event of {@code generation}.
     *
     * @throws UnreadableBox the box does not open with this key-encryption key (another key, or altered)
     */
    ClusterSecretsSealed seal(ClusterSecretStore.StoredSecret row, List<Recipient> recipients, long generation,
                              Instant now) {
        byte[] plain;
        try {
            plain = cipher.decrypt(row.box(), boxAad(row.clusterId()));
        } catch (IllegalArgumentException e) {
            throw new UnreadableBox(e.getMessage());
        }
        try {
            Sealed sealed = Sealing.seal(plain,
                    ClusterSecretsSealed.associatedData(row.clusterId(), row.siteId()), recipients);
            return new ClusterSecretsSealed(row.clusterId(), row.team(), row.siteId(), generation, contractForm(sealed),
                    now);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** A stored box that does not open: made under another key-encryption key, or altered. */
    static final class UnreadableBox extends RuntimeException {
        UnreadableBox(String message) {
            super(message);
        }
    }

    /** The box's associated data: the cluster id, so a box copied onto another cluster's row does not open. */
    private static byte[] boxAad(String clusterId) {
        return clusterId.getBytes(StandardCharsets.UTF_8);
    }

    private static SealedSecrets contractForm(Sealed sealed) {
        Base64.Encoder b64 = Base64.getEncoder();
        return new SealedSecrets(SealedSecrets.SCHEME, b64.encodeToString(sealed.nonce()),
                b64.encodeToString(sealed.ciphertext()),
                sealed.keys().stream().map(k -> new SealedKey(k.recipient(), b64.encodeToString(k.encapsulatedKey()),
                        b64.encodeToString(k.wrappedKey()))).toList());
    }
}
