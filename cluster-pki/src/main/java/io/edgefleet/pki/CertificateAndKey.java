package io.edgefleet.pki;

import java.util.Objects;

/**
 * A certificate and its private key, both PEM. {@link #toString()} shows the certificate's size only and
 * never the key, so one of these can be logged by mistake without leaking it.
 */
public record CertificateAndKey(String certificatePem, String privateKeyPem) {
    public CertificateAndKey {
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
    }

    @Override
    public String toString() {
        return "CertificateAndKey[certificatePem=(" + certificatePem.length() + " chars), privateKeyPem=(redacted)]";
    }
}
