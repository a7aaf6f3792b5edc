package io.edgefleet.agent.etcd;

import static io.edgefleet.agent.etcd.EtcdGatewayJson.MAPPER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * A small client for etcd's v3 API through its JSON gateway ({@code POST /v3/...}), on the JDK's HTTP
 * client. Calls that concern the whole cluster go to the endpoint that answered last and fall over to the
 * next one when an endpoint cannot be reached or is a learner (learners serve only status and
 * serializable reads). Timeouts are short: an etcd that does not answer is a measurement for the caller,
 * not a hang.
 *
 * <p>With an {@link SSLContext} (a client certificate issued by the cluster's etcd CA, and that CA as
 * trust) the endpoints are {@code https://<ip>:2379}; the JDK checks the member's certificate names the
 * address it is reached at.
 */
public final class EtcdClient {

    /**
     * @param connect to open a connection
     * @param request for an answer (for a snapshot: until the stream starts)
     * @param snapshot for a whole snapshot stream
     */
    public record Timeouts(Duration connect, Duration request, Duration snapshot) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(10));
    }

    private enum Kind { READ, CHANGE }

    private final List<URI> endpoints;
    private final Timeouts timeouts;
    private final HttpClient http;
    private volatile int preferred;

    public EtcdClient(List<URI> endpoints, SSLContext sslContext) {
        this(endpoints, sslContext, Timeouts.DEFAULT);
    }

    /** @param sslContext null for plain http endpoints */
    public EtcdClient(List<URI> endpoints, SSLContext sslContext, Timeouts timeouts) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("an etcd client needs at least one endpoint");
        }
        this.endpoints = List.copyOf(endpoints);
        this.timeouts = timeouts;
        // HTTP/1.1 only: on plain http the JDK would otherwise try an h2c upgrade, which etcd's listener
        // (gRPC and HTTP on one port) does not take as a gateway request.
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeouts.connect());
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
    }

    public List<URI> endpoints() {
        return endpoints;
    }

    public List<EtcdMember> memberList() throws IOException {
        return EtcdGatewayJson.members(call("/v3/cluster/member/list", EtcdGatewayJson.object(), Kind.READ));
    }

    /** Adds a member (as a learner when asked) and returns it as etcd recorded it, with its new ID. */
    public EtcdMember addMember(String peerUrl, boolean learner) throws IOException {
        JsonNode answer = call("/v3/cluster/member/add", EtcdGatewayJson.memberAdd(peerUrl, learner), Kind.CHANGE);
        return EtcdGatewayJson.member(answer.path("member"));
    }

    public void promote(String memberId) throws IOException {
        call("/v3/cluster/member/promote", EtcdGatewayJson.memberId(memberId), Kind.CHANGE);
    }

    public void remove(String memberId) throws IOException {
        call("/v3/cluster/member/remove", EtcdGatewayJson.memberId(memberId), Kind.CHANGE);
    }

    /**
     * Removes a member, asking the other members first: a member asked to remove itself applies the change and
     * stops, and its answer is often lost, which would leave the caller not knowing whether it happened.
     */
    public void remove(EtcdMember member) throws IOException {
        call("/v3/cluster/member/remove", EtcdGatewayJson.memberId(member.id()), Kind.CHANGE, member.clientUrls());
    }

    /** What the member at this endpoint says of itself; no fall-over, the answer is about that member. */
    public EtcdStatus status(URI endpoint) throws IOException {
        try {
            return EtcdGatewayJson.status(endpoint, send(endpoint, "/v3/maintenance/status", EtcdGatewayJson.object()));
        } catch (EtcdException e) {
            throw e;
        } catch (IOException e) {
            throw new EtcdUnreachableException("etcd at " + endpoint + " gave no status: " + describe(e), e);
        }
    }

    /** Writes a key; returns the store's revision after the write. */
    public long put(String key, String value) throws IOException {
        return EtcdGatewayJson.revision(call("/v3/kv/put", EtcdGatewayJson.put(key, value), Kind.CHANGE));
    }

    public Optional<String> get(String key) throws IOException {
        JsonNode kvs = call("/v3/kv/range", EtcdGatewayJson.range(key, null), Kind.READ).path("kvs");
        return kvs.isEmpty() ? Optional.empty() : Optional.of(EtcdGatewayJson.text(kvs.get(0).path("value")));
    }

    /** Every key starting with {@code prefix} (ASCII), with its value. */
    public Map<String, String> getPrefix(String prefix) throws IOException {
        if (prefix.isEmpty() || prefix.charAt(prefix.length() - 1) >= 0x7f) {
            throw new IllegalArgumentException("an ASCII prefix is needed: " + prefix);
        }
        String end = prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
        Map<String, String> found = new LinkedHashMap<>();
        for (JsonNode kv : call("/v3/kv/range", EtcdGatewayJson.range(prefix, end), Kind.READ).path("kvs")) {
            found.put(EtcdGatewayJson.text(kv.path("key")), EtcdGatewayJson.text(kv.path("value")));
        }
        return found;
    }

    /**
     * Streams a snapshot of the key-value store from the first voting member that answers into
     * {@code out}, exactly as {@code etcdctl snapshot save} writes it (etcd's trailing SHA-256 included).
     * Falls over only before the first byte is written.
     */
    public SnapshotResult snapshot(OutputStream out) throws IOException {
        List<String> failures = new ArrayList<>();
        for (URI endpoint : rotation()) {
            EtcdStatus status;
            try {
                status = status(endpoint);
            } catch (IOException e) {
                failures.add(endpoint + ": " + describe(e));
                continue;
            }
            if (status.learner()) {
                failures.add(endpoint + ": a learner");
                continue;
            }
            return new SnapshotStream(http, timeouts).copy(endpoint, status.revision(), out);
        }
        throw new EtcdUnreachableException("no etcd endpoint could give a snapshot: " + String.join("; ", failures), null);
    }

    private JsonNode call(String path, ObjectNode body, Kind kind) throws IOException {
        return call(path, body, kind, List.of());
    }

    /** Asks the endpoints in rotation, those serving one of {@code askLast} (client URLs) last. */
    private JsonNode call(String path, ObjectNode body, Kind kind, List<String> askLast) throws IOException {
        List<String> failures = new ArrayList<>();
        List<URI> order = rotation();
        order.sort(java.util.Comparator.comparing((URI endpoint) -> servesOneOf(endpoint, askLast)));
        for (URI endpoint : order) {
            try {
                JsonNode answer = send(endpoint, path, body);
                preferred = endpoints.indexOf(endpoint);
                return answer;
            } catch (EtcdException e) {
                if (!e.learnerCannotServe()) {
                    throw e;
                }
                failures.add(endpoint + ": a learner");
            } catch (ConnectException | HttpConnectTimeoutException e) {
                failures.add(endpoint + ": " + describe(e)); // never delivered: safe to ask the next one
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                if (kind == Kind.CHANGE) {
                    throw new EtcdUnreachableException("etcd at " + endpoint + " gave no answer to " + path + " (" + describe(e)
                            + "); the change may or may not have been applied", e);
                }
                failures.add(endpoint + ": " + describe(e));
            }
        }
        throw new EtcdUnreachableException("no etcd endpoint answered " + path + ": " + String.join("; ", failures), null);
    }

    private static boolean servesOneOf(URI endpoint, List<String> clientUrls) {
        return clientUrls.stream().map(URI::create).anyMatch(u -> endpoint.getHost().equals(u.getHost())
                && endpoint.getPort() == u.getPort());
    }

    private List<URI> rotation() {
        int start = preferred;
        List<URI> order = new ArrayList<>(endpoints.size());
        for (int i = 0; i < endpoints.size(); i++) {
            order.add(endpoints.get((start + i) % endpoints.size()));
        }
        return order;
    }

    private JsonNode send(URI endpoint, String path, ObjectNode body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(timeouts.request())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while asking etcd at " + endpoint);
        }
        if (response.statusCode() != 200) {
            throw EtcdGatewayJson.refusal(endpoint, response.statusCode(), response.body());
        }
        try {
            return MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IOException("etcd at " + endpoint + " answered " + path + " with something that is not JSON", e);
        }
    }

    static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within the connect timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within the request timeout";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
