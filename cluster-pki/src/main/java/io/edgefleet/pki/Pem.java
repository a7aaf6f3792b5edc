package io.edgefleet.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM text to and from the JDK's objects. Private keys are written as kubeadm writes ECDSA keys: SEC1
 * {@code EC PRIVATE KEY} naming the curve and carrying the public point, which kubeadm, kube-apiserver,
 * etcd and openssl all read. Reading accepts SEC1 and PKCS#8. No message of this class shows key text.
 */
public final class Pem {
    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();
    private static final JcaX509CertificateConverter CERTIFICATES = new JcaX509CertificateConverter();

    private Pem() {
    }

    public static String certificate(X509CertificateHolder certificate) {
        return write(new PemObject("CERTIFICATE", encoded(certificate)));
    }

    public static String certificate(X509Certificate certificate) {
        try {
            return write(new PemObject("CERTIFICATE", certificate.getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /** SEC1 {@code EC PRIVATE KEY} of an EC key pair (the curve named, the public point included). */
    public static String ecPrivateKey(KeyPair pair) {
        java.security.interfaces.ECPrivateKey key = (java.security.interfaces.ECPrivateKey) pair.getPrivate();
        SubjectPublicKeyInfo publicInfo = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
        X962Parameters curve = X962Parameters.getInstance(publicInfo.getAlgorithm().getParameters());
        int orderBits = key.getParams().getOrder().bitLength();
        ECPrivateKey sec1 = new ECPrivateKey(orderBits, key.getS(),
                new DERBitString(publicInfo.getPublicKeyData().getBytes()), curve);
        try {
            return write(new PemObject("EC PRIVATE KEY", sec1.getEncoded(ASN1Encoding.DER)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same private key as unencrypted PKCS#8 {@code PRIVATE KEY}, the form Kafka's PEM key store reads. */
    public static String pkcs8(String privateKeyPem) {
        return write(new PemObject("PRIVATE KEY", privateKey(privateKeyPem).getEncoded()));
    }

    /** {@code PUBLIC KEY}: the SubjectPublicKeyInfo, as kubeadm writes sa.pub. */
    public static String publicKey(PublicKey key) {
        return write(new PemObject("PUBLIC KEY", key.getEncoded()));
    }

    public static X509CertificateHolder certificateHolder(String pem) {
        Object object = readOne(pem, "certificate");
        if (object instanceof X509CertificateHolder holder) {
            return holder;
        }
        throw new IllegalArgumentException("PEM holds no certificate but " + kind(object));
    }

    public static X509Certificate x509(String pem) {
        try {
            return CERTIFICATES.getCertificate(certificateHolder(pem));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certificate cannot be read", e);
        }
    }

    /** Every certificate of a bundle, in order. */
    public static List<X509Certificate> x509Bundle(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(CERTIFICATES.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("certificate bundle cannot be read", e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("PEM bundle holds no certificate");
        }
        return certificates;
    }

    /** The private key of a SEC1 ({@code EC PRIVATE KEY}) or PKCS#8 ({@code PRIVATE KEY}) block. */
    public static PrivateKey privateKey(String pem) {
        Object object = readOne(pem, "private key");
        try {
            if (object instanceof PEMKeyPair pair) {
                return KEYS.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (object instanceof PrivateKeyInfo info) {
                return KEYS.getPrivateKey(info);
            }
        } catch (IOException e) {
            // The cause may quote key bytes: keep only its type.
            throw new IllegalArgumentException("private key cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        throw new IllegalArgumentException("PEM holds no private key but " + kind(object));
    }

    public static PublicKey publicKey(String pem) {
        Object object = readOne(pem, "public key");
        try {
            if (object instanceof SubjectPublicKeyInfo info) {
                return KEYS.getPublicKey(info);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("public key cannot be read", e);
        }
        throw new IllegalArgumentException("PEM holds no public key but " + kind(object));
    }

    /** The DER SubjectPublicKeyInfo of a certificate's key, exactly as the certificate carries it. */
    static byte[] encodedPublicKeyInfo(String certificatePem) {
        try {
            return certificateHolder(certificatePem).getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object readOne(String pem, String what) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("no PEM text for the " + what);
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object == null) {
                throw new IllegalArgumentException("no PEM block for the " + what);
            }
            return object;
        } catch (IOException e) {
            throw new IllegalArgumentException("the " + what + " is not readable PEM (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String kind(Object object) {
        return object.getClass().getSimpleName();
    }

    private static String write(PemObject object) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
