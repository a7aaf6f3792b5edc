package io.edgefleet.placement.intake;

import java.util.List;

/** What a request handler decided: accepted, or rejected with a stable code, a sentence and paths. */
record Outcome(boolean accepted, String code, String message, List<String> paths) {
    static Outcome accept() {
        return new Outcome(true, null, null, List.of());
    }

    static Outcome reject(String code, String message) {
        return new Outcome(false, code, message, List.of());
    }

    static Outcome reject(String code, String message, List<String> paths) {
        return new Outcome(false, code, message, paths);
    }
}
