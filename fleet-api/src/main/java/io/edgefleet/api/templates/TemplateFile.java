package io.edgefleet.api.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a templates document (YAML): {@code templates: {NAME: {description: ..., spec: {...}}}}. A spec may set the
 * fields a template can sensibly share between clusters; the cluster's own id, team and site are the request's.
 * Whether the values are valid is judged when a request is expanded, by the contract's own validator.
 */
public final class TemplateFile {
    /** The ClusterRequested fields a template may set. */
    static final Set<String> TEMPLATE_FIELDS = Set.of("kubernetesVersion", "controlPlane", "workers", "ttlSeconds",
            "labels");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TemplateFile() {
    }

    /** A document that is no templates document. */
    public static final class InvalidTemplates extends Exception {
        public InvalidTemplates(String message) {
            super(message);
        }
    }

    /** The templates of {@code yaml}, in document order; {@code origin} names the document in every error. */
    public static Map<String, ClusterTemplate> parse(byte[] yaml, String origin) throws InvalidTemplates {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new InvalidTemplates(origin + ": not YAML: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.path("templates").isObject()) {
            throw new InvalidTemplates(origin + ": expected a map named templates, e.g. templates: {ha: {spec: {...}}}");
        }
        Map<String, ClusterTemplate> templates = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("templates").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode body = entry.getValue();
            if (!NAME.matcher(name).matches()) {
                problems.add("template name \"" + name + "\" is not a DNS label (a-z, 0-9, -)");
                continue;
            }
            if (!body.path("spec").isObject()) {
                problems.add("template " + name + ": spec must be a map of cluster request fields");
                continue;
            }
            ObjectNode spec = (ObjectNode) body.get("spec");
            spec.fieldNames().forEachRemaining(field -> {
                if (!TEMPLATE_FIELDS.contains(field)) {
                    problems.add("template " + name + ": spec." + field + " cannot be set by a template (it may set "
                            + String.join(", ", TEMPLATE_FIELDS.stream().sorted().toList()) + ")");
                }
            });
            templates.put(name, new ClusterTemplate(name, body.path("description").asText(""), origin, spec));
        }
        if (!problems.isEmpty()) {
            throw new InvalidTemplates(origin + ": " + String.join("; ", problems));
        }
        return templates;
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }
}
