package io.edgefleet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventJson;
import io.edgefleet.localstack.fleet.TokenCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/** fleet-api's REST API as one team calls it: bearer tokens signed with the local stack's dev key. */
final class TeamCalls {
    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();

    TeamCalls(int apiPort, String team) throws Exception {
        this.base = "http://localhost:" + apiPort + "/api/v1";
        this.token = TokenCommand.team(Path.of(System.getProperty("edgefleet.repo", "../..")), team, Duration.ofMinutes(10));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code path} until its 200 answer satisfies {@code done}; fails with the last answer after {@code within}. */
    JsonNode await(String path, Predicate<JsonNode> done, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(path);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
                JsonNode body = EventJson.mapper().readTree(r.body());
                if (done.test(body)) {
                    return body;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " not as awaited within " + within.toSeconds() + " s; last answer: " + last);
    }

    HttpResponse<String> delete(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls a cluster until fleet-api no longer knows it or says DELETED; fails with the last answer after {@code within}. */
    void awaitGone(String path, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> r = get(path);
        while (!gone(r)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " still there after " + within.toSeconds() + " s: " + r.statusCode()
                        + " " + r.body());
            }
            Thread.sleep(200);
            r = get(path);
        }
    }

    private static boolean gone(HttpResponse<String> r) throws Exception {
        return r.statusCode() == 404
                || (r.statusCode() == 200 && "DELETED".equals(EventJson.mapper().readTree(r.body()).path("status").asText()));
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
