package io.edgefleet.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts for talking to a cluster's API with its own CA and a client certificate, kept in memory only. */
public final class TlsContexts {
    private TlsContexts() {
    }

    /**
     * A client context that trusts only {@code caPem} (one CA or a bundle) and presents {@code client}.
     * Host names are checked by the HTTP client that uses it, as with any SSLContext.
     */
    public static SSLContext clientContext(String caPem, CertificateAndKey client) {
        // A context is symmetric: its key managers present one identity, its trust managers check the peer's.
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(client).getKeyManagers(), trustManagers(caPem).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            // Types only: a cause of a key store failure may describe the key.
            throw new IllegalArgumentException("cannot build a TLS context (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * A server context presenting {@code serving} and trusting client certificates of {@code clientCaPem}
     * (for tests and stand-ins of a cluster's API). Requiring a client certificate is the socket's or
     * engine's setting ({@code setNeedClientAuth(true)}), not the context's.
     */
    public static SSLContext serverContext(CertificateAndKey serving, String clientCaPem) {
        return clientContext(clientCaPem, serving);
    }

    static KeyManagerFactory keyManagers(CertificateAndKey identity) throws GeneralSecurityException, IOException {
        char[] password = new char[0];
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, password);
        X509Certificate certificate = Pem.x509(identity.certificatePem());
        keys.setKeyEntry("client", Pem.privateKey(identity.privateKeyPem()), password, new Certificate[] {certificate});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        return factory;
    }

    static TrustManagerFactory trustManagers(String caPem) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, new char[0]);
        List<X509Certificate> cas = Pem.x509Bundle(caPem);
        for (int i = 0; i < cas.size(); i++) {
            trust.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return factory;
    }
}
