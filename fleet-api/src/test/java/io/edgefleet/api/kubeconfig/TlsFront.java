package io.edgefleet.api.kubeconfig;

import io.edgefleet.pki.CertificateAndKey;
import io.edgefleet.pki.TlsContexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * What kube-apiserver does at the TLS layer, in front of a plain-HTTP stand-in of its API: serves a certificate
 * of the cluster CA, requires a client certificate of the same CA, and passes the bytes on. Records the
 * subject of every client certificate it accepted.
 */
final class TlsFront implements AutoCloseable {
    private final SSLServerSocket server;
    private final int backendPort;
    private final List<String> clients = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    TlsFront(CertificateAndKey serving, String clientCaPem, int backendPort) throws IOException {
        this.backendPort = backendPort;
        server = (SSLServerSocket) TlsContexts.serverContext(serving, clientCaPem).getServerSocketFactory()
                .createServerSocket(0, 16, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        acceptor = new Thread(this::acceptAll, "tls-front");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> clientSubjects() {
        return List.copyOf(clients);
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                SSLSocket client = (SSLSocket) server.accept();
                daemon(() -> relay(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(SSLSocket client) {
        try (client; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            client.startHandshake();
            clients.add(client.getSession().getPeerPrincipal().getName());
            Thread upstream = daemon(() -> pump(client, backend));
            pump(backend, client);
            upstream.join();
        } catch (IOException | InterruptedException e) {
            // A refused handshake ends here: the client sees it as a TLS error.
        }
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "tls-front-relay");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            // One side closed: the other pump ends too.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
