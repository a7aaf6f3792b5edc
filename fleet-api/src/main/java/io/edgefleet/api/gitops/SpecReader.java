package io.edgefleet.api.gitops;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.edgefleet.api.rest.Problem;
import io.edgefleet.api.rest.ProblemException;
import io.edgefleet.api.submit.Submitter;
import io.edgefleet.api.templates.ClusterRequests;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reads one spec file: YAML with {@code kind: Cluster} or {@code kind: NetworkFunction} and {@code spec:}, the body
 * REST takes for that kind (a cluster's may name a {@code template}). The spec is judged exactly as a REST body is,
 * by the same code, so a file is valid in Git exactly when its body would be accepted by POST.
 */
@ApplicationScoped
class SpecReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Inject
    ClusterRequests clusterRequests;
    @Inject
    Submitter submitter;

    Spec read(String path, String blob, byte[] content) throws InvalidSpec {
        JsonNode root;
        try {
            root = YAML.readTree(content);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidSpec("yaml", "not YAML" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")") + ": " + e.getOriginalMessage().lines().findFirst().orElse("unreadable"));
        } catch (IOException e) {
            throw new InvalidSpec("yaml", "not readable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidSpec("yaml", "expected a map with kind (Cluster or NetworkFunction) and spec");
        }
        String kind = root.path("kind").asText("");
        JsonNode spec = root.get("spec");
        if (spec == null || !spec.isObject()) {
            throw new InvalidSpec("spec", "spec must be a map: the body POST /api/v1/clusters or"
                    + " /api/v1/network-functions takes");
        }
        try {
            return new Spec(path, blob, request(kind, (ObjectNode) spec));
        } catch (ProblemException e) {
            throw new InvalidSpec("spec", e.getMessage() + (e.errors().isEmpty() ? "" : " [" + e.errors().stream()
                    .map(SpecReader::describe).collect(Collectors.joining("; ")) + "]"));
        }
    }

    private EventPayload request(String kind, ObjectNode spec) throws InvalidSpec {
        switch (kind) {
            case "Cluster":
                return clusterRequests.fromJson(spec);
            case "NetworkFunction":
                try {
                    return submitter.decode(EventType.NETWORK_FUNCTION_REQUESTED,
                            EventJson.mapper().writeValueAsBytes(spec), "network function spec");
                } catch (IOException e) {
                    throw new IllegalStateException("a JSON tree always serialises", e);
                }
            default:
                throw new InvalidSpec("spec", "kind must be Cluster or NetworkFunction (got \"" + kind + "\")");
        }
    }

    private static String describe(Problem.FieldError error) {
        return error.message().contains(error.path().replaceFirst("^\\$\\.", ""))
                ? error.message() : error.path() + ": " + error.message();
    }
}
