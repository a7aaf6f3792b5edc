package io.edgefleet.placement.secrets;

import io.edgefleet.pki.Recipient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * What a sealing was made for, in one comparable value: SHA-256 over the recipients sorted by id, each its id
 * and its X25519 public key. Secrets are sealed again exactly when this changes (a key enrolled, rotated or
 * gone, a reader added); the order keys were read in never matters.
 */
final class RecipientsDigest {
    private RecipientsDigest() {
    }

    static String of(List<Recipient> recipients) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
        recipients.stream().sorted(Comparator.comparing(Recipient::id)).forEach(r -> {
            byte[] id = r.id().getBytes(StandardCharsets.UTF_8);
            // Lengths first: no two different lists can give the same byte stream.
            sha256.update(lengthOf(id.length));
            sha256.update(id);
            sha256.update(lengthOf(r.x25519Public().length));
            sha256.update(r.x25519Public());
        });
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }

    private static byte[] lengthOf(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
