package io.edgefleet.placement.metrics;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rows of a multi-gauge (one per site, or per site and resource) whose values change at each
 * refresh while the rows themselves rarely do. Each row is registered once and reads its value
 * from a holder that a refresh overwrites; only rows that appear or vanish touch the registry.
 * Re-registering every row at every refresh (MultiGauge's overwrite) removed and re-created
 * 6,000 meters every 15 s at 1,000 sites: a few percent of placement's CPU under load.
 */
final class GaugeRows {
    private final MultiGauge gauge;
    /** Values as {@link Double#doubleToRawLongBits}, by the row's tags. */
    private final Map<Tags, AtomicLong> values = new ConcurrentHashMap<>();

    GaugeRows(MultiGauge gauge) {
        this.gauge = gauge;
    }

    /** Sets every row's value; rows not in {@code latest} are removed, new ones registered. */
    void update(Map<Tags, Double> latest) {
        boolean rowsChanged = !values.keySet().equals(latest.keySet());
        values.keySet().retainAll(latest.keySet());
        latest.forEach((key, value) -> values.computeIfAbsent(key, k -> new AtomicLong())
                .set(Double.doubleToRawLongBits(value)));
        if (rowsChanged) {
            List<MultiGauge.Row<?>> rows = new ArrayList<>(values.size());
            values.forEach((tags, holder) -> rows.add(MultiGauge.Row.of(tags, holder,
                    h -> Double.longBitsToDouble(h.get()))));
            gauge.register(rows, false);
        }
    }
}
