package io.edgefleet.events.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 site keys and their text forms, with the JDK alone: a private key as PKCS#8 PEM (the
 * agent's key file), a public key as X.509 SubjectPublicKeyInfo PEM (what an operator enrolls;
 * the bare base64 body is accepted too).
 */
public final class SiteKeys {
    /** The JCA algorithm name of site keys. */
    public static final String ALGORITHM = "Ed25519";

    private SiteKeys() {
    }

    /** A new key pair for a site. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
        }
    }

    public static String privateKeyPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** Reads a PKCS#8 PEM (or bare base64) Ed25519 private key. */
    public static PrivateKey parsePrivateKey(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(body(text)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 private key in PKCS#8 PEM: " + e.getMessage(), e);
        }
    }

    /** Reads an X.509 PEM (or bare base64) Ed25519 public key, as an operator enrolls it. */
    public static PublicKey parsePublicKey(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(body(text)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }

    private static byte[] body(String text) {
        String b64 = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(b64);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
