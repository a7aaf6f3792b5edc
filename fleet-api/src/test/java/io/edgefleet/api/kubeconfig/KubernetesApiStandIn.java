package io.edgefleet.api.kubeconfig;

import io.edgefleet.pki.CertificateAndKey;
import io.edgefleet.pki.Certificates;
import io.edgefleet.pki.ClusterSecrets;
import io.fabric8.mockwebserver.DefaultMockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * fabric8's mock web server, answering the Kubernetes API path kubectl asks for, behind a {@link TlsFront} that serves a kube-apiserver certificate for
 * 127.0.0.1 signed by the cluster's CA and requires client certificates of that CA, as kube-apiserver does.
 * (The mock's own HTTPS uses a self-signed certificate it makes itself, so TLS is done in front of it.)
 */
final class KubernetesApiStandIn implements AutoCloseable {
    static final String NAMESPACES = """
            {"kind": "NamespaceList", "apiVersion": "v1", "metadata": {},
             "items": [{"metadata": {"name": "kc-proof"}}]}""";

    private final DefaultMockServer api = new DefaultMockServer(false);
    private final TlsFront front;

    KubernetesApiStandIn(ClusterSecrets cluster) throws IOException {
        api.start(InetAddress.getLoopbackAddress(), 0);
        api.expect().get().withPath("/api/v1/namespaces").andReturn(200, NAMESPACES).always();
        CertificateAndKey serving = Certificates.apiServer(cluster.kubernetesCa(), cluster.clusterId() + "-cp-0",
                List.of("127.0.0.1"), Instant.now(), Duration.ofHours(1));
        front = new TlsFront(serving, cluster.kubernetesCa().certificatePem(), api.getPort());
    }

    int port() {
        return front.port();
    }

    List<String> clientSubjects() {
        return front.clientSubjects();
    }

    @Override
    public void close() throws IOException {
        front.close();
        api.shutdown();
    }
}
