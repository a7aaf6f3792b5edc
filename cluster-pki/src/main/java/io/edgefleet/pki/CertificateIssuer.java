package io.edgefleet.pki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds and signs one X.509 v3 certificate: the steps every CA and leaf of a cluster share. */
final class CertificateIssuer {
    /**
     * notBefore lies this far before "now": the guests, the kubectl host and placement do not share a
     * clock, and a certificate that is not yet valid on the reader's clock fails as surely as an expired one.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateIssuer() {
    }

    /** A self-signed CA: basicConstraints CA:TRUE critical, keyCertSign + cRLSign + digitalSignature. */
    static CertificateAndKey selfSignedCa(String commonName, Instant now, Duration validity) {
        KeyPair pair = EcKeys.generate();
        X500Name subject = name(commonName, List.of());
        X509v3CertificateBuilder builder = builder(subject, subject, pair.getPublic(), now, validity);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
        } catch (CertIOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("CA extensions cannot be encoded", e);
        }
        return new CertificateAndKey(Pem.certificate(sign(builder, pair.getPrivate())), Pem.ecPrivateKey(pair));
    }

    /** A leaf signed by {@code ca}: not a CA, the given key usages, extended key usages and SANs. */
    static CertificateAndKey leaf(CertificateAndKey ca, X500Name subject, int keyUsage, List<KeyPurposeId> purposes,
                                  List<GeneralName> subjectAltNames, Instant now, Duration validity) {
        X509CertificateHolder caCertificate = Pem.certificateHolder(ca.certificatePem());
        PrivateKey caKey = Pem.privateKey(ca.privateKeyPem());
        KeyPair pair = EcKeys.generate();
        X509v3CertificateBuilder builder = builder(caCertificate.getSubject(), subject, pair.getPublic(), now, validity);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(caCertificate.getSubjectPublicKeyInfo()));
            if (!subjectAltNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(subjectAltNames.toArray(GeneralName[]::new)));
            }
        } catch (CertIOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("certificate extensions cannot be encoded", e);
        }
        return new CertificateAndKey(Pem.certificate(sign(builder, caKey)), Pem.ecPrivateKey(pair));
    }

    /**
     * O per organization then CN, in that DER order (Go's crypto/x509 writes the same order; Kubernetes
     * reads CN as the user name and every O as one of its groups).
     */
    static X500Name name(String commonName, List<String> organizations) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        for (String organization : organizations) {
            name.addRDN(BCStyle.O, notBlank(organization));
        }
        name.addRDN(BCStyle.CN, notBlank(commonName));
        return name.build();
    }

    private static String notBlank(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a certificate name part must not be blank");
        }
        return value;
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key,
                                                    Instant now, Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        return new JcaX509v3CertificateBuilder(issuer, randomSerial(), Date.from(now.minus(CLOCK_SKEW)),
                Date.from(now.plus(validity)), subject, key);
    }

    /** 128 random bits, positive and never zero (RFC 5280 serials are positive, at most 20 octets). */
    static BigInteger randomSerial() {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            RANDOM.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    private static X509CertificateHolder sign(X509v3CertificateBuilder builder, PrivateKey key) {
        try {
            return builder.build(new JcaContentSignerBuilder(EcKeys.SIGNATURE).build(key));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with the CA's key", e);
        }
    }
}
