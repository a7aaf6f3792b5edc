package io.edgefleet.placement.intake;

import java.util.List;

/** What a request handler decided: accepted, or rejected with a stable code, a sentence and paths. */
public record Outcome(boolean accepted, String code, String message, List<String> paths) {
    public static Outcome accept() {
        return new Outcome(true, null, null, List.of());
    }

    public static Outcome reject(String code, String message) {
        return new Outcome(false, code, message, List.of());
    }

    public static Outcome reject(String code, String message, List<String> paths) {
        return new Outcome(false, code, message, paths);
    }
}
