package io.edgefleet.agent.driver.firecracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * What a guest sees of one Firecracker microVM's metadata service at 169.254.169.254, as Firecracker answers
 * (docs/mmds/mmds-user-guide.md and its data store): the store set by {@code PUT /mmds}, the version set by
 * {@code PUT /mmds/config} (V1 when none was set, as Firecracker's default). A GET names a JSON pointer; V2 answers
 * 401 to a GET without a session token, V1 answers any GET. Unless the request accepts only JSON, the answer is in
 * IMDS format: a string as it is, an object as its keys one per line (an object-valued key with a trailing slash),
 * anything else 501.
 */
final class FakeMmds {
    /** One answer to the guest. */
    record Answer(int status, String body) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private volatile String version = "V1";
    private volatile JsonNode store = MAPPER.createObjectNode();

    void configure(String configuredVersion) {
        version = configuredVersion;
    }

    void put(JsonNode contents) {
        store = contents.deepCopy();
    }

    String version() {
        return version;
    }

    /**
     * @param accept the request's Accept header, or null
     * @param token  the request's X-metadata-token header, or null
     */
    Answer get(String path, String accept, String token) {
        if (version.equals("V2") && token == null) {
            return new Answer(401, "No MMDS token provided. Use `X-metadata-token` or `X-aws-ec2-metadata-token` header to specify "
                    + "the session token.");
        }
        String pointer = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        JsonNode value = pointer.isEmpty() ? store : store.at(pointer);
        if (value.isMissingNode() || value.isNull()) {
            return new Answer(404, "Resource not found: " + path + ".");
        }
        if ("application/json".equals(accept)) {
            return new Answer(200, value.toString());
        }
        if (value.isTextual()) {
            return new Answer(200, value.asText());
        }
        if (value.isObject()) {
            List<String> keys = new ArrayList<>();
            value.fields().forEachRemaining(e -> keys.add(e.getKey() + (e.getValue().isObject() ? "/" : "")));
            return new Answer(200, String.join("\n", keys));
        }
        return new Answer(501, "Cannot retrieve value. The value has an unsupported type.");
    }
}
