package io.edgefleet.agent.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's behaviour when etcd cannot answer; its conversation with a real etcd is in the *IT tests. */
class EtcdClientTest {
    static final EtcdClient.Timeouts SHORT = new EtcdClient.Timeouts(Duration.ofMillis(300), Duration.ofMillis(400), Duration.ofSeconds(2));

    @Test
    void anEndpointThatAcceptsButNeverAnswersIsAMeasurementNotAHang() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI endpoint = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            EtcdClient client = new EtcdClient(List.of(endpoint), null, SHORT);
            long start = System.nanoTime();
            EtcdUnreachableException e = assertThrows(EtcdUnreachableException.class, client::memberList);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 3_000, "took " + millis + " ms");
            assertTrue(e.getMessage().contains(endpoint.toString()) && e.getMessage().contains("no answer within the request timeout"), e.getMessage());
        }
    }

    @Test
    void aChangeThatGotNoAnswerSaysItMayHaveBeenApplied() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            EtcdClient client = new EtcdClient(List.of(URI.create("http://127.0.0.1:" + silent.getLocalPort())), null, SHORT);
            EtcdUnreachableException e = assertThrows(EtcdUnreachableException.class, () -> client.remove("42"));
            assertTrue(e.getMessage().contains("may or may not have been applied"), e.getMessage());
        }
    }

    @Test
    void aRefusedEndpointIsSkippedAndEveryFailureIsNamed() throws IOException {
        int closed1 = freePort();
        int closed2 = freePort();
        EtcdClient client = new EtcdClient(List.of(URI.create("http://127.0.0.1:" + closed1), URI.create("http://127.0.0.1:" + closed2)), null, SHORT);
        EtcdUnreachableException e = assertThrows(EtcdUnreachableException.class, client::memberList);
        assertTrue(e.getMessage().contains(":" + closed1 + ": connection refused") && e.getMessage().contains(":" + closed2 + ": connection refused"), e.getMessage());
    }

    /** Error bodies as etcd 3.4.23's gateway sent them here (unary and streamed), and etcd 3.5's shape. */
    @Test
    void etcdsRefusalsKeepItsMessageAndCode() {
        URI ep = URI.create("http://127.0.0.1:2379");
        EtcdException notInSync = EtcdGatewayJson.refusal(ep, 412, "{\"error\":\"etcdserver: can only promote a learner member which is in sync with leader\","
                + "\"message\":\"etcdserver: can only promote a learner member which is in sync with leader\",\"code\":9}");
        assertEquals(9, notInSync.grpcCode());
        assertTrue(notInSync.transientRefusal());
        assertTrue(notInSync.getMessage().startsWith("etcd at http://127.0.0.1:2379 refused (HTTP 412, code 9): etcdserver: can only promote"), notInSync.getMessage());

        EtcdException streamed = EtcdGatewayJson.refusal(ep, 503, "{\"error\":{\"grpc_code\":14,\"http_code\":503,"
                + "\"message\":\"etcdserver: rpc not supported for learner\",\"http_status\":\"Service Unavailable\"}}");
        assertEquals(14, streamed.grpcCode());
        assertTrue(streamed.learnerCannotServe());

        EtcdException v35 = EtcdGatewayJson.refusal(ep, 404, "{\"code\":5,\"message\":\"etcdserver: member not found\"}");
        assertEquals(5, v35.grpcCode());
        assertEquals("etcdserver: member not found", v35.etcdMessage());
        assertTrue(!v35.transientRefusal());

        assertEquals("upstream connect error", EtcdGatewayJson.refusal(ep, 502, "upstream connect error\n").etcdMessage());
    }

    @Test
    void aMemberIsRemovedThroughAnotherMemberNeverThroughItself() throws IOException {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer leaving = gateway("leaving", asked);
        com.sun.net.httpserver.HttpServer staying = gateway("staying", asked);
        try {
            URI leavingUrl = URI.create("http://127.0.0.1:" + leaving.getAddress().getPort());
            URI stayingUrl = URI.create("http://127.0.0.1:" + staying.getAddress().getPort());
            // The member being removed is first in the client's rotation: it must be asked last all the same.
            EtcdClient client = new EtcdClient(List.of(leavingUrl, stayingUrl), null, SHORT);
            client.remove(new EtcdMember("42", "cp-a", List.of("http://127.0.0.1:1"), List.of(leavingUrl.toString()), false));
            assertEquals(List.of("staying /v3/cluster/member/remove"), asked);
        } finally {
            leaving.stop(0);
            staying.stop(0);
        }
    }

    /** A stand-in for etcd's gateway that records who was asked what and answers every call with an empty object. */
    private static com.sun.net.httpserver.HttpServer gateway(String name, List<String> asked) throws IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            asked.add(name + " " + exchange.getRequestURI().getPath());
            byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
