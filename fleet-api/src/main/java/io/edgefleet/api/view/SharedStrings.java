package io.edgefleet.api.view;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance of each of the few strings that thousands of outcomes repeat (site ids, rejection codes): every
 * decoded event brings its own copies, about 50 bytes each per outcome held. Bounded: past {@code max} distinct
 * values a string is kept as it came, so a producer inventing values cannot grow this table.
 */
final class SharedStrings {
    private final Map<String, String> shared = new ConcurrentHashMap<>();
    private final int max;

    SharedStrings(int max) {
        this.max = max;
    }

    String of(String s) {
        if (s == null) {
            return null;
        }
        String one = shared.get(s);
        if (one != null) {
            return one;
        }
        if (shared.size() >= max) {
            return s;
        }
        one = shared.putIfAbsent(s, s);
        return one == null ? s : one;
    }
}
