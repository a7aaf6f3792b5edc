package io.edgefleet.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A TLS server that requires a client certificate, served with an API-server certificate of the same cluster CA. */
class TlsContextsTest {
    private static final Instant NOW = Instant.now();
    private final ClusterSecrets cluster = ClusterPki.create("demo-3", NOW);
    private SSLServerSocket server;
    private CompletableFuture<String> peer;

    @BeforeEach
    void startServer() throws Exception {
        CertificateAndKey serving = Certificates.apiServer(cluster.kubernetesCa(), "demo-3-cp-0", List.of("127.0.0.1"),
                NOW, Duration.ofHours(1));
        SSLContext context = TlsContexts.serverContext(serving, cluster.kubernetesCa().certificatePem());
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        peer = CompletableFuture.supplyAsync(() -> {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.startHandshake();
                String name = socket.getSession().getPeerPrincipal().getName();
                OutputStream out = socket.getOutputStream();
                out.write(1);
                out.flush();
                return name;
            } catch (IOException e) {
                return "refused: " + e.getClass().getSimpleName();
            }
        });
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    @Test
    void aClientCertificateOfTheClusterCaIsAcceptedAndTheServerIsTrusted() throws Exception {
        CertificateAndKey client = Certificates.client(cluster.kubernetesCa(), "alice", List.of("kubeadm:cluster-admins"),
                NOW, Duration.ofHours(1));
        SSLContext context = TlsContexts.clientContext(cluster.kubernetesCa().certificatePem(), client);
        try (SSLSocket socket = connect(context.getSocketFactory())) {
            InputStream in = socket.getInputStream();
            assertEquals(1, in.read());
        }
        assertEquals("CN=alice,O=kubeadm:cluster-admins", peer.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aClientCertificateOfAnotherClusterIsRefused() throws Exception {
        ClusterSecrets other = ClusterPki.create("demo-4", NOW);
        CertificateAndKey stranger = Certificates.client(other.kubernetesCa(), "mallory", List.of("kubeadm:cluster-admins"),
                NOW, Duration.ofHours(1));
        // Trusts the right server CA, presents a certificate of the wrong one.
        SSLContext context = TlsContexts.clientContext(cluster.kubernetesCa().certificatePem(), stranger);
        assertThrows(IOException.class, () -> {
            try (SSLSocket socket = connect(context.getSocketFactory())) {
                socket.getInputStream().read();
            }
        });
        assertEquals("refused: SSLHandshakeException", peer.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aServerOfAnotherClusterIsNotTrusted() throws Exception {
        ClusterSecrets other = ClusterPki.create("demo-4", NOW);
        CertificateAndKey client = Certificates.client(cluster.kubernetesCa(), "alice", List.of("g"), NOW, Duration.ofHours(1));
        SSLContext context = TlsContexts.clientContext(other.kubernetesCa().certificatePem(), client);
        assertThrows(IOException.class, () -> {
            try (SSLSocket socket = connect(context.getSocketFactory())) {
                socket.startHandshake();
            }
        });
    }

    private SSLSocket connect(SSLSocketFactory factory) throws IOException {
        SSLSocket socket = (SSLSocket) factory.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        socket.setSoTimeout(10_000);
        return socket;
    }
}
