package io.edgefleet.events.validation;

import java.util.regex.Pattern;

/** Builds the JSONPath-style paths of {@link Violation}. */
public final class JsonPaths {

    /** The payload root. */
    public static final String ROOT = "$";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonPaths() {
    }

    /** {@code parent.name}, or {@code parent['odd name']} when the name is not an identifier. */
    public static String child(String parent, String name) {
        if (IDENTIFIER.matcher(name).matches()) {
            return parent + "." + name;
        }
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** {@code parent[index]}. */
    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
