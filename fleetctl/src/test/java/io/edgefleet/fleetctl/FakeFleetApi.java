package io.edgefleet.fleetctl;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for fleet-api's HTTP surface: answers scripted responses per "METHOD path" (the last
 * one repeats) and records every request, so tests check fleetctl's requests, output and exit codes.
 */
final class FakeFleetApi implements AutoCloseable {
    record Answer(int status, String body) {
    }

    record Call(String method, String path, String authorization, String body, String accept) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    final List<Call> calls = new ArrayList<>();

    FakeFleetApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (calls) {
                calls.add(new Call(exchange.getRequestMethod(), path,
                        exchange.getRequestHeaders().getFirst("Authorization"), body,
                        exchange.getRequestHeaders().getFirst("Accept")));
            }
            Deque<Answer> queue = answers.get(exchange.getRequestMethod() + " " + path);
            Answer answer = queue == null ? new Answer(404, problem(404, "Not Found", "nothing scripted for " + path))
                    : queue.size() > 1 ? queue.poll() : queue.peek();
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type",
                    answer.status() >= 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    FakeFleetApi answer(String methodAndPath, int status, String body) {
        answers.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).add(new Answer(status, body));
        return this;
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    static String problem(int status, String title, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail
                + "\"}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
