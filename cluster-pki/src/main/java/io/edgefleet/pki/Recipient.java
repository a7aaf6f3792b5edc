package io.edgefleet.pki;

import java.util.Objects;

/**
 * Who a seal is for: an id ({@code site:<siteId>}, {@code host:<siteId>/<hostId>}, {@code reader:<name>}) and
 * its X25519 public key (for an agent, {@link X25519Keys#publicFromEd25519} of its enrolled key).
 */
public record Recipient(String id, byte[] x25519Public) {
    public Recipient {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("recipient id must not be blank");
        }
        Objects.requireNonNull(x25519Public, "x25519Public");
        if (x25519Public.length != X25519Keys.KEY_SIZE) {
            throw new IllegalArgumentException("recipient " + id + ": X25519 public key must be 32 bytes");
        }
        x25519Public = x25519Public.clone();
    }

    @Override
    public byte[] x25519Public() {
        return x25519Public.clone();
    }
}
