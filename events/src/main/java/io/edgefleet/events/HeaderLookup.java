package io.edgefleet.events;

import java.util.Map;

/** Header lookup that tolerates case differences, since some producer tools change header case. */
final class HeaderLookup {

    private HeaderLookup() {
    }

    static String get(Map<String, String> headers, String name) {
        String exact = headers.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
