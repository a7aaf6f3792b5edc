package io.edgefleet.api.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.rest.Problem;
import io.edgefleet.api.rest.ProblemException;
import io.edgefleet.api.submit.Submitter;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.validation.Validated;
import io.edgefleet.events.validation.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a cluster create body into the full ClusterRequested that is published. A body that names a
 * {@code template} is expanded here, at the edge, so the event placement records says everything the request
 * meant: a later change to the template never changes what an earlier request asked for (ADR 0033).
 *
 * <p>Errors say whose value is at fault. An unknown template is 422 listing the known ones. A value that breaks
 * the contract is named {@code template ha: controlPlane.replicas} when the template set it (422: the body is
 * well-formed, the combination is not processable) or {@code request: controlPlane.replicas} when the body did
 * (400, as for a body without a template).
 */
@ApplicationScoped
public class ClusterRequests {
    static final String TEMPLATE = "template";

    @Inject
    TemplateCatalog catalog;
    @Inject
    Submitter submitter;

    /** The request a REST body asks for; a problem (400 or 422) when it cannot be made. */
    public ClusterRequested fromBody(byte[] body) {
        JsonNode json = readTree(body);
        if (json == null || !json.isObject() || !json.has(TEMPLATE)) {
            return submitter.decode(EventType.CLUSTER_REQUESTED, body, "cluster request");
        }
        return fromJson((ObjectNode) json);
    }

    /** The request a JSON object (a REST body, or a spec read from Git) asks for, its template expanded. */
    public ClusterRequested fromJson(ObjectNode body) {
        if (!body.has(TEMPLATE)) {
            return submitter.decode(EventType.CLUSTER_REQUESTED, bytes(body), "cluster request");
        }
        JsonNode named = body.get(TEMPLATE);
        if (!named.isTextual()) {
            throw new ProblemException(400, "Invalid cluster request", "template must be a template's name",
                    List.of(new Problem.FieldError("$.template", "WRONG_TYPE",
                            "request: template: must be a string naming a template, one of " + catalog.names())));
        }
        ClusterTemplate template = catalog.find(named.asText()).orElseThrow(() -> new ProblemException(422,
                "Unknown template", "no template " + named.asText() + "; known templates: "
                + String.join(", ", catalog.names()), List.of(new Problem.FieldError("$.template", "NOT_ALLOWED",
                "request: template: must be one of " + catalog.names() + " (got " + named.asText() + ")"))));
        ObjectNode own = body.deepCopy();
        own.remove(TEMPLATE);
        ObjectNode expanded = TemplateExpansion.expand(template.spec(), own);
        Validated<EventPayload> request = CloudEventCodec.decodeData(EventType.CLUSTER_REQUESTED, bytes(expanded));
        if (request.isValid()) {
            return (ClusterRequested) request.toOptional().orElseThrow();
        }
        throw attributed(template, own, request.violations());
    }

    /** The contract's violations, each named by whose value broke it: the template's or the request's. */
    static ProblemException attributed(ClusterTemplate template, ObjectNode own, List<Violation> violations) {
        boolean templateAtFault = false;
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Violation v : violations) {
            String field = JsonPathLookup.field(v.path());
            String whose;
            if (JsonPathLookup.has(own, v.path())) {
                whose = "request: " + field;
            } else if (JsonPathLookup.has(template.spec(), v.path())) {
                whose = "template " + template.name() + ": " + field;
                templateAtFault = true;
            } else {
                whose = "request: " + field + " (set by neither the request nor template " + template.name() + ")";
            }
            errors.add(new Problem.FieldError(v.path(), v.code().name(), whose + ": " + v.message()));
        }
        String detail = errors.size() + " problem(s) in the cluster request expanded from template "
                + template.name() + ": " + String.join("; ", errors.stream().map(Problem.FieldError::message).toList());
        return new ProblemException(templateAtFault ? 422 : 400, "Invalid cluster request", detail, errors);
    }

    private static JsonNode readTree(byte[] body) {
        try {
            return EventJson.mapper().readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return EventJson.mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
