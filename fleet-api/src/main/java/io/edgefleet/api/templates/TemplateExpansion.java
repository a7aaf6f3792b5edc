package io.edgefleet.api.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A template and a request's own fields made into one full request: the request wins field by field, maps are
 * merged (so a request may override {@code controlPlane.replicas} alone and keep the template's size), with one
 * exception: a request that names a different worker kind takes none of the template's workers, since a
 * microVM worker's size means nothing for a bare-metal one.
 */
public final class TemplateExpansion {
    private TemplateExpansion() {
    }

    /** A new object: {@code template} overlaid with {@code request} (neither is changed). */
    public static ObjectNode expand(ObjectNode template, ObjectNode request) {
        ObjectNode merged = template.deepCopy();
        JsonNode templateWorkers = template.path("workers");
        JsonNode requestWorkers = request.path("workers");
        if (requestWorkers.has("kind") && templateWorkers.has("kind")
                && !requestWorkers.get("kind").equals(templateWorkers.get("kind"))) {
            merged.remove("workers");
        }
        overlay(merged, request);
        return merged;
    }

    private static void overlay(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = into.get(field.getKey());
            if (existing != null && existing.isObject() && field.getValue().isObject()) {
                overlay((ObjectNode) existing, (ObjectNode) field.getValue());
            } else {
                into.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }
}
