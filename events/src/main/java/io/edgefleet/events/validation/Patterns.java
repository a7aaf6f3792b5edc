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

    /** The address plan's patterns (ADR 0020). */
    private static final Map<String, String> ADDRESS_WORDS = Map.of(
            "^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$",
            "an IPv4 address such as 10.42.0.17 (four numbers 0-255, no leading zeros)",
            "^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$",
            "an IPv4 CIDR such as 10.42.0.0/24 (prefix length 0-32)",
            "^02:ef(:[0-9a-f]{2}){4}$",
            "a MAC address 02:ef: followed by the four bytes of ipAddress in lower-case hex, such as 02:ef:0a:2a:00:11",
            "^[A-Za-z0-9][-A-Za-z0-9_.]{0,14}$",
            "a Linux interface name such as br-mgmt: 1 to 15 characters A-Z, a-z, 0-9, '-', '_' or '.'");

    private Patterns() {
    }

    static String describe(String pattern) {
        String words = WORDS.getOrDefault(pattern, ADDRESS_WORDS.get(pattern));
        return words != null ? words : "a string matching " + pattern;
    }
}
