package io.edgefleet.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.events.EventJson;
import java.io.IOException;
import java.util.List;

/**
 * A small request body as the REST resources read it before they build an event from it: a JSON
 * object, or a 400 problem that says what was expected. The event itself is validated by the
 * contract afterwards ({@code Submitter.decode}).
 */
final class JsonBody {

    private JsonBody() {
    }

    /**
     * The body as a JSON object.
     *
     * @param title   the problem's title, e.g. "Invalid team quota"
     * @param example a valid body, quoted in the error
     */
    static ObjectNode object(byte[] body, String title, String example) {
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw invalid(title, "$", "MALFORMED_JSON", "$: the body must be a JSON object such as " + example);
        }
        return (ObjectNode) json;
    }

    static byte[] bytes(JsonNode json) {
        try {
            return EventJson.mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** A 400 naming one field at fault. */
    static ProblemException invalid(String title, String path, String code, String message) {
        return new ProblemException(400, title, "1 problem(s) in the request",
                List.of(new Problem.FieldError(path, code, message)));
    }
}
