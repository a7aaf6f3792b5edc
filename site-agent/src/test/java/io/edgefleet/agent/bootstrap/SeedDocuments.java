package io.edgefleet.agent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.edgefleet.agent.driver.GuestSeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a rendered seed back with a YAML parser, as cloud-init and kubeadm would. */
final class SeedDocuments {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SeedDocuments() {
    }

    static JsonNode userData(GuestSeed seed) {
        assertTrue(seed.userData().startsWith("#cloud-config\n"), "user-data starts with its #cloud-config header");
        return parse(seed.userData());
    }

    /** The {@code write_files} entries by path. */
    static Map<String, JsonNode> files(GuestSeed seed) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        userData(seed).get("write_files").forEach(f -> out.put(f.get("path").asText(), f));
        return out;
    }

    static String content(GuestSeed seed, String path) {
        JsonNode file = files(seed).get(path);
        assertTrue(file != null, "the seed writes " + path);
        return file.get("content").asText();
    }

    /** The kubeadm configuration file's documents, in order. */
    static List<JsonNode> kubeadmDocuments(GuestSeed seed) {
        try {
            return YAML.readerFor(JsonNode.class).<JsonNode>readValues(content(seed, BootstrapDefaults.KUBEADM_CONFIG_PATH))
                    .readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
