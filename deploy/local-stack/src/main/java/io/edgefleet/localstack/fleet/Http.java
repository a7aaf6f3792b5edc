package io.edgefleet.localstack.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Tiny HTTP helpers for readiness checks and the demo request. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    /** The response, or null when nothing answers. */
    public static HttpResponse<String> get(String url) {
        return get(url, null);
    }

    /** The response to a GET with a bearer token (none when null), or null when nothing answers. */
    public static HttpResponse<String> get(String url, String bearerToken) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
            if (bearerToken != null) {
                request.header("Authorization", "Bearer " + bearerToken);
            }
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public static HttpResponse<String> postJson(String url, String json) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until {@code url} answers 200, or throws naming what and where to look. */
    public static void await200(String url, Duration timeout, String what, Runnable failFast) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(url);
            if (r != null && r.statusCode() == 200) {
                return;
            }
            failFast.run();
            sleep(250);
        }
        throw new IllegalStateException(what + " did not become ready at " + url + " within " + timeout.toSeconds()
                + " s");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
