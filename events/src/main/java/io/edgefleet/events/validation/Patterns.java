package io.edgefleet.events.validation;

import java.util.Map;

/** Words for the regular expressions of the schemas; an operator should not have to read a regex. */
final class Patterns {

    private static final Map<String, String> WORDS = Map.of(
            "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$",
            "a DNS label: 1 to 63 characters a-z, 0-9 or '-', starting and ending with a letter or digit",
            "^v?[0-9]{1,3}\\.[0-9]{1,3}(\\.[0-9]{1,3})?$",
            "a Kubernetes version such as 1.31 or v1.31.2",
            "^https://",
            "an https:// URL",
            "^[A-Z][A-Z0-9_]{0,63}$",
            "an UPPER_SNAKE code",
            "^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$",
            "a Kubernetes label value: at most 63 characters A-Z, a-z, 0-9, '-', '_' or '.', "
                    + "starting and ending with a letter or digit",
            "^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$",
            "a Kubernetes label key such as app.kubernetes.io/name",
            "^[a-z0-9][-a-z0-9.:/]{0,62}$",
            "a capability such as microvm or sriov:physnet-a");

    private Patterns() {
    }

    static String describe(String pattern) {
        return WORDS.getOrDefault(pattern, "a string matching " + pattern);
    }
}
