package io.edgefleet.agent.bootstrap;

import java.util.regex.Pattern;

/**
 * Checks on the values a node's bootstrap is rendered from. Every failure is an {@link IllegalArgumentException}
 * that names the field and the expected shape, never the value: some of the values are secrets (token,
 * certificate key), and the shape is all a caller needs to fix the mistake.
 */
final class Inputs {
    /** A DNS label: what a Kubernetes node name, a host name and our ids all fit in. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

    private Inputs() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static String dnsLabel(String value, String field) {
        matching(value, DNS_LABEL, field, "a DNS label (lower-case letters, digits and '-', at most 63)");
        return value;
    }

    static String ipv4(String value, String field) {
        matching(value, IPV4, field, "an IPv4 address like 10.0.0.1");
        return value;
    }

    static String mac(String value, String field) {
        matching(value, MAC, field, "a MAC address like 02:ef:0a:00:00:01");
        return value;
    }

    static String matching(String value, Pattern pattern, String field, String shape) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be " + shape);
        }
        return value;
    }

    /** Whether two IPv4 addresses lie in the same network of the given prefix length. */
    static boolean sameNetwork(String a, String b, int prefixLength) {
        long mask = prefixLength == 0 ? 0 : 0xffffffffL << (32 - prefixLength) & 0xffffffffL;
        return (bits(a) & mask) == (bits(b) & mask);
    }

    private static long bits(String ipv4) {
        long out = 0;
        for (String part : ipv4.split("\\.")) {
            out = out << 8 | Integer.parseInt(part);
        }
        return out;
    }
}
