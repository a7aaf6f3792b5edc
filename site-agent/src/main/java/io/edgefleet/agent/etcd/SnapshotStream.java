package io.edgefleet.agent.etcd;

import static io.edgefleet.agent.etcd.EtcdGatewayJson.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code POST /v3/maintenance/snapshot} read to its end. The gateway streams the server-side stream as
 * one JSON object after another, {@code {"result":{"blob":"<base64>"}}}, the last blob being the SHA-256
 * etcd appends; an error mid-stream arrives as {@code {"error":{...}}}. The JDK's request timeout stops at
 * the response headers, so a watchdog closes a stream that has not ended within the snapshot timeout.
 */
final class SnapshotStream {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "etcd-snapshot-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final HttpClient http;
    private final EtcdClient.Timeouts timeouts;

    SnapshotStream(HttpClient http, EtcdClient.Timeouts timeouts) {
        this.http = http;
        this.timeouts = timeouts;
    }

    SnapshotResult copy(URI endpoint, long revision, OutputStream out) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/v3/maintenance/snapshot"))
                .timeout(timeouts.request())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while asking etcd at " + endpoint + " for a snapshot");
        }
        AtomicBoolean expired = new AtomicBoolean();
        try (InputStream in = response.body()) {
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> closeExpired(in, expired),
                    timeouts.snapshot().toMillis(), TimeUnit.MILLISECONDS);
            try {
                if (response.statusCode() != 200) {
                    String body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                    throw EtcdGatewayJson.refusal(endpoint, response.statusCode(), body);
                }
                long bytes = copyBlobs(endpoint, response.statusCode(), in, out);
                return new SnapshotResult(endpoint, revision, bytes);
            } finally {
                watchdog.cancel(false);
            }
        } catch (EtcdException e) {
            throw e;
        } catch (IOException e) {
            if (expired.get()) {
                throw new EtcdUnreachableException("the snapshot from etcd at " + endpoint + " did not end within "
                        + timeouts.snapshot().toSeconds() + " s", e);
            }
            throw new EtcdUnreachableException("the snapshot stream from etcd at " + endpoint + " broke: " + EtcdClient.describe(e), e);
        }
    }

    private static long copyBlobs(URI endpoint, int httpStatus, InputStream in, OutputStream out) throws IOException {
        long bytes = 0;
        try (MappingIterator<JsonNode> messages = MAPPER.readerFor(JsonNode.class).readValues(in)) {
            while (messages.hasNextValue()) {
                JsonNode message = messages.nextValue();
                if (message.has("error")) {
                    throw EtcdGatewayJson.refusal(endpoint, httpStatus, message.path("error"));
                }
                byte[] blob = Base64.getDecoder().decode(message.path("result").path("blob").asText(""));
                out.write(blob);
                bytes += blob.length;
            }
        }
        if (bytes == 0) {
            throw new IOException("etcd at " + endpoint + " sent an empty snapshot");
        }
        return bytes;
    }

    private static void closeExpired(InputStream in, AtomicBoolean expired) {
        expired.set(true);
        try {
            in.close();
        } catch (IOException e) {
            // the reader sees the stream closed either way
        }
    }
}
