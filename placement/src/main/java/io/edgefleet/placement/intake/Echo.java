package io.edgefleet.placement.intake;

/**
 * A value from a record, quoted for a rejection message: short, and with control characters
 * escaped, so that an outcome never carries a 60 KiB string or a NUL that PostgreSQL refuses.
 */
final class Echo {
    private static final int MAX = 80;

    private Echo() {
    }

    static String quoted(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("'");
        int end = Math.min(s.length(), MAX);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(s.length() > MAX ? "…'" : "'").toString();
    }

    /** A short printable ASCII string, or null: what an outcome may carry as a site or subject id. */
    static String printable(String s) {
        return s != null && !s.isEmpty() && s.length() <= 253 && s.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                ? s : null;
    }
}
