package io.edgefleet.api.view;

import java.time.Duration;

/**
 * How much of the outcome topic fleet-api holds (docs/adr/0028): outcomes published within {@code maxAge}, and of
 * those at most the newest {@code maxEntries}. Both bound memory; the count is what bounds it at a high request rate,
 * the age at a low one.
 *
 * @param maxAge     {@code edgefleet.api.outcomes.max-age}
 * @param maxEntries {@code edgefleet.api.outcomes.max-entries}
 */
public record OutcomeLimits(Duration maxAge, int maxEntries) {
    /** One hour, and 100,000 outcomes (about 30 MiB of heap; 25 s of outcomes at 4,000 requests/s, 40 min at 40/s). */
    public static final OutcomeLimits DEFAULT = new OutcomeLimits(Duration.ofHours(1), 100_000);

    public OutcomeLimits {
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("edgefleet.api.outcomes.max-age must be more than 0 (got " + maxAge + ")");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("edgefleet.api.outcomes.max-entries must be at least 1 (got "
                    + maxEntries + ")");
        }
    }

    /** The window in words, for messages: "1h and the newest 200000 outcomes". */
    public String describe() {
        String age = maxAge.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
        return age + " (edgefleet.api.outcomes.max-age) and at most the newest " + maxEntries
                + " (edgefleet.api.outcomes.max-entries)";
    }
}
