package io.edgefleet.agent.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Writes the seed's YAML documents with Jackson, so they are well-formed whatever the values hold. Every string
 * is quoted (a mode like {@code "0600"} or a port like {@code "6443"} stays a string for YAML 1.1 readers such
 * as cloud-init's), multi-line strings (PEM, embedded documents) are literal blocks, long lines stay whole (a
 * shell command reads as written), and no document starts with {@code ---}: a cloud-config's first line must
 * be its {@code #cloud-config} header.
 */
final class Yaml {
    private static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private Yaml() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array(String... values) {
        ArrayNode out = MAPPER.createArrayNode();
        for (String v : values) {
            out.add(v);
        }
        return out;
    }

    static String write(JsonNode document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            // A tree of strings, numbers and booleans always serialises, so this is a bug. Jackson's exception
            // is left out: its message could quote the document, which may hold secrets.
            throw new IllegalStateException("could not write a YAML document: " + e.getClass().getSimpleName());
        }
    }
}
