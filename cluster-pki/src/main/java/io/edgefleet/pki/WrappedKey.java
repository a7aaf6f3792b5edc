package io.edgefleet.pki;

import java.util.Objects;

/** The data key of a {@link Sealed}, wrapped with HPKE for one recipient: its encapsulated key and the sealed data key. */
public record WrappedKey(String recipient, byte[] encapsulatedKey, byte[] wrappedKey) {
    public WrappedKey {
        Objects.requireNonNull(recipient, "recipient");
        encapsulatedKey = Objects.requireNonNull(encapsulatedKey, "encapsulatedKey").clone();
        wrappedKey = Objects.requireNonNull(wrappedKey, "wrappedKey").clone();
    }

    @Override
    public byte[] encapsulatedKey() {
        return encapsulatedKey.clone();
    }

    @Override
    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }
}
