package io.edgefleet.pki;

import java.util.List;
import java.util.Objects;

/**
 * Content sealed for a few recipients: AES-256-GCM under a random data key ({@code nonce}, {@code ciphertext}
 * with its tag), the data key wrapped once per recipient. Holds ciphertext only; the events contract's
 * {@code SealedSecrets} is this with base64 fields.
 */
public record Sealed(byte[] nonce, byte[] ciphertext, List<WrappedKey> keys) {
    public Sealed {
        nonce = Objects.requireNonNull(nonce, "nonce").clone();
        ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
        keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public String toString() {
        return "Sealed[" + ciphertext.length + " bytes for " + keys.stream().map(WrappedKey::recipient).toList() + "]";
    }
}
