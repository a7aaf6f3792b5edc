package io.edgefleet.api.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The published OpenAPI document (/q/openapi) against what each operation really answers: a
 * submission 202 with a Location (never 200), every /api/v1 operation 401 and 403, and 400, 404, 409, 410
 * and 503 where the resource answers them, each error as an RFC 9457 problem (application/problem+json).
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class OpenApiStatusCodesTest {
    private static final Set<String> AUTH = Set.of("401", "403");

    /** Each operation's codes besides 401 and 403. */
    private static final Map<String, Set<String>> CODES = Map.ofEntries(
            Map.entry("GET /api/v1/clusters", Set.of("200", "400")),
            Map.entry("POST /api/v1/clusters", Set.of("202", "400", "422", "503")),
            Map.entry("GET /api/v1/clusters/{id}", Set.of("200", "404")),
            Map.entry("DELETE /api/v1/clusters/{id}", Set.of("202", "400", "404", "503")),
            Map.entry("POST /api/v1/clusters/{id}/scale", Set.of("202", "400", "404", "503")),
            Map.entry("POST /api/v1/clusters/{id}/upgrade", Set.of("202", "400", "404", "503")),
            Map.entry("GET /api/v1/clusters/{id}/kubeconfig", Set.of("200", "404", "409", "503")),
            Map.entry("GET /api/v1/network-functions", Set.of("200", "400")),
            Map.entry("POST /api/v1/network-functions", Set.of("202", "400", "503")),
            Map.entry("GET /api/v1/network-functions/{id}", Set.of("200", "404", "409")),
            Map.entry("DELETE /api/v1/network-functions/{id}", Set.of("202", "400", "404", "409", "503")),
            Map.entry("GET /api/v1/sites", Set.of("200")),
            Map.entry("GET /api/v1/sites/{id}", Set.of("200", "404")),
            Map.entry("GET /api/v1/sites/{id}/hosts", Set.of("200", "404")),
            Map.entry("POST /api/v1/sites/{id}/enrollment", Set.of("202", "400", "503")),
            Map.entry("POST /api/v1/sites/{id}/consolidation", Set.of("202", "400", "503")),
            Map.entry("DELETE /api/v1/sites/{id}/consolidation", Set.of("202", "400", "503")),
            Map.entry("GET /api/v1/sites/{id}/consolidation", Set.of("200", "404")),
            Map.entry("GET /api/v1/requests/{id}", Set.of("200", "404", "410")),
            Map.entry("GET /api/v1/templates", Set.of("200")),
            Map.entry("GET /api/v1/templates/{name}", Set.of("200", "404")),
            Map.entry("PUT /api/v1/teams/{team}/quota", Set.of("202", "400", "503")),
            Map.entry("GET /api/v1/teams/{team}/quota", Set.of("200")),
            Map.entry("GET /api/v1/fleet/summary", Set.of("200")),
            Map.entry("GET /api/v1/fleet/snapshot", Set.of("200")),
            Map.entry("GET /api/v1/fleet/stream", Set.of("200")));

    private static JsonNode openApi() throws Exception {
        String body = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        return new ObjectMapper().readTree(body);
    }

    /** A response, following its $ref into components/responses. */
    private static JsonNode resolve(JsonNode doc, JsonNode response) {
        String ref = response.path("$ref").asText("");
        return ref.isEmpty() ? response : doc.at(ref.substring(1));
    }

    /** Every /api/v1 operation ("GET /api/v1/...") with its response object. */
    private static Map<String, JsonNode> operations(JsonNode doc) {
        Map<String, JsonNode> ops = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            path.getValue().fields().forEachRemaining(op -> ops.put(op.getKey().toUpperCase() + " " + path.getKey(),
                    op.getValue().path("responses")));
        }
        return ops;
    }

    @Test
    void everyOperationDocumentsTheCodesItAnswers() throws Exception {
        Map<String, JsonNode> ops = operations(openApi());
        assertEquals(new TreeSet<>(CODES.keySet()), ops.keySet(), "the /api/v1 operations");
        ops.forEach((op, responses) -> {
            Set<String> expected = new TreeSet<>(CODES.get(op));
            expected.addAll(AUTH);
            Set<String> documented = new TreeSet<>();
            responses.fieldNames().forEachRemaining(documented::add);
            assertEquals(expected, documented, op);
            if (responses.has("200")) {
                assertTrue(responses.get("200").path("content").size() > 0, op + ": 200 without its body's schema");
            }
        });
    }

    @Test
    void submissionsAnswer202WithTheLocationOfTheirOutcome() throws Exception {
        JsonNode doc = openApi();
        operations(doc).forEach((op, responses) -> {
            if (!responses.has("202")) {
                return;
            }
            assertFalse(responses.has("200"), op + " documents 200 beside 202");
            JsonNode accepted = resolve(doc, responses.get("202"));
            assertTrue(accepted.path("headers").has("Location"), op + ": 202 without Location");
            JsonNode schema = accepted.at("/content/application~1json/schema");
            JsonNode submitted = schema.has("$ref") ? doc.at(schema.get("$ref").asText().substring(1)) : schema;
            assertTrue(submitted.path("properties").has("requestId") && submitted.path("properties").has("location"),
                    op + ": 202 body " + submitted);
        });
    }

    @Test
    void errorsAreProblemDetails() throws Exception {
        JsonNode doc = openApi();
        JsonNode problem = doc.at("/components/schemas/Problem/properties");
        for (String field : new String[] {"type", "title", "status", "detail", "instance", "errors"}) {
            assertTrue(problem.has(field), "Problem schema lacks " + field + ": " + problem);
        }
        operations(doc).forEach((op, responses) -> responses.fields().forEachRemaining(r -> {
            if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                JsonNode content = resolve(doc, r.getValue()).path("content");
                assertEquals(Set.of(Problem.MEDIA_TYPE), names(content), op + " " + r.getKey());
                assertEquals("#/components/schemas/Problem",
                        content.path(Problem.MEDIA_TYPE).path("schema").path("$ref").asText(), op + " " + r.getKey());
            }
        }));
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
