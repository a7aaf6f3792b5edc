package io.edgefleet.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * fleet-api over HTTP: JSON in and out, the bearer token on every call, and every error (a problem
 * detail, or no answer at all) turned into a {@link FleetCtlException} with its exit code.
 */
public final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public JsonNode post(String path, String json) {
        return send("POST", path, json);
    }

    public JsonNode put(String path, String json) {
        return send("PUT", path, json);
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    /** A query string from the non-null parameters, e.g. {@code ?team=a&page=0}. */
    public static String query(Map<String, Object> params) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        params.forEach((k, v) -> {
            if (v != null) {
                q.add(k + "=" + URLEncoder.encode(v.toString(), StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    public static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A GET whose answer is text of the given media type (a kubeconfig's YAML), returned as fleet-api sent it. */
    public String getText(String path, String accept) {
        return exchange("GET", path, null, accept).body();
    }

    private JsonNode send(String method, String path, String json) {
        return parse(exchange(method, path, json, "application/json").body());
    }

    /** One call; an error status (its problem detail) or no answer at all becomes a {@link FleetCtlException}. */
    private HttpResponse<String> exchange(String method, String path, String json, String accept) {
        if (token == null || token.isBlank()) {
            throw new FleetCtlException(ExitCodes.UNAUTHORIZED, "no token: pass --token or set FLEETCTL_TOKEN"
                    + " (local stack: export FLEETCTL_TOKEN=$(deploy/local/fleet token --team <name> | tail -1))");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token.trim()).header("Accept", accept);
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new FleetCtlException(ExitCodes.UNAVAILABLE, "fleet-api does not answer at " + base
                    + " (is the local stack up? deploy/local/fleet up -d; or set --api / FLEET_API)");
        } catch (IOException e) {
            throw new FleetCtlException(ExitCodes.UNAVAILABLE, "calling fleet-api at " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetCtlException(ExitCodes.FAILED, "interrupted");
        }
        if (response.statusCode() >= 400) {
            throw new FleetCtlException(ExitCodes.forStatus(response.statusCode()),
                    problem(response.statusCode(), parse(response.body())));
        }
        return response;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    /** An RFC 9457 problem as one or more lines: title, detail, then one line per invalid field. */
    static String problem(int status, JsonNode body) {
        StringBuilder text = new StringBuilder();
        text.append(status).append(' ').append(body.path("title").asText("error"));
        if (body.hasNonNull("detail")) {
            text.append(": ").append(body.get("detail").asText());
        }
        for (JsonNode e : body.path("errors")) {
            text.append("\n  ").append(e.path("message").asText(e.path("path").asText()));
        }
        return text.toString();
    }

    /** The team of a token granting exactly one {@code team:<name>} role, read without verifying it. */
    public static String soleTeam(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.trim().split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            String team = null;
            for (JsonNode g : claims.path("groups")) {
                if (g.asText().startsWith("team:")) {
                    if (team != null) {
                        return null;
                    }
                    team = g.asText().substring("team:".length());
                }
            }
            return team;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
