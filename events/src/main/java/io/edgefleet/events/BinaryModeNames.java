package io.edgefleet.events;

import io.edgefleet.events.validation.Violation;
import java.util.List;
import java.util.Set;

/**
 * Renames the violations of a structured-mode record the way binary mode names the same problems:
 * {@code $.data.controlPlane.replicas} becomes {@code $.controlPlane.replicas} (a path from the
 * payload root) and the attribute {@code $.time} becomes its header {@code ce_time}. A request
 * refused for its content then gets the same reason whichever mode its producer used.
 *
 * <p>Problems only structured mode can have ({@code $.datacontenttype}, {@code $.data_base64})
 * keep their names. Dead letters keep the structured names: there the record is shown as it was.
 */
public final class BinaryModeNames {

    private static final String DATA = "$.data";
    private static final Set<String> ATTRIBUTES = Set.of("specversion", "id", "source", "type", "time", "subject");

    private BinaryModeNames() {
    }

    public static List<Violation> of(List<Violation> structuredViolations) {
        return structuredViolations.stream().map(BinaryModeNames::of).toList();
    }

    static Violation of(Violation v) {
        String path = v.path();
        if (path.startsWith(DATA) && (path.length() == DATA.length() || path.charAt(DATA.length()) == '.'
                || path.charAt(DATA.length()) == '[')) {
            return new Violation("$" + path.substring(DATA.length()), v.code(), v.message());
        }
        if (path.startsWith("$.") && ATTRIBUTES.contains(path.substring(2))) {
            return new Violation("ce_" + path.substring(2), v.code(), v.message());
        }
        return v;
    }
}
