package io.edgefleet.api.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the node a contract violation's path names ({@code $.controlPlane.replicas}, {@code $.labels['a/b']},
 * {@code $.items[0]}) in a JSON document, to tell whether the request or its template set the faulty value.
 */
final class JsonPathLookup {
    private static final Pattern SEGMENT = Pattern.compile("\\.([^.\\[]+)|\\[(\\d+)]|\\['((?:[^'\\\\]|\\\\.)*)']");

    private JsonPathLookup() {
    }

    /** True when {@code root} holds a value (null included) at {@code path}. */
    static boolean has(JsonNode root, String path) {
        if (!path.startsWith("$")) {
            return false;
        }
        JsonNode node = root;
        Matcher m = SEGMENT.matcher(path);
        int at = 1;
        while (at < path.length()) {
            if (!m.find(at) || m.start() != at || node == null) {
                return false;
            }
            if (m.group(2) != null) {
                node = node.isArray() ? node.get(Integer.parseInt(m.group(2))) : null;
            } else {
                String name = m.group(1) != null ? m.group(1) : m.group(3).replaceAll("\\\\(.)", "$1");
                node = node.isObject() ? node.get(name) : null;
            }
            at = m.end();
        }
        return node != null;
    }

    /** {@code controlPlane.replicas} for {@code $.controlPlane.replicas}: the path as a person names the field. */
    static String field(String path) {
        return path.startsWith("$.") ? path.substring(2) : path;
    }
}
