package io.edgefleet.placement.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GaugeRowsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GaugeRows rows = new GaugeRows(MultiGauge.builder("fleet_test_age").register(registry));

    @Test
    void valuesChangeInPlaceAndRowsComeAndGoWithTheSites() {
        rows.update(Map.of(site("s1"), 1.5, site("s2"), 2.0));
        Gauge s1 = gauge("s1");
        assertEquals(1.5, s1.value());
        assertEquals(2.0, gauge("s2").value());

        rows.update(Map.of(site("s1"), 7.25, site("s2"), 0.0));
        assertSame(s1, gauge("s1"), "same rows: the meter is kept, not re-registered");
        assertEquals(7.25, s1.value());
        assertEquals(0.0, gauge("s2").value());

        rows.update(Map.of(site("s1"), 3.0, site("s3"), 4.0));
        assertNull(registry.find("fleet_test_age").tag("site", "s2").gauge(), "a site gone takes its row along");
        assertEquals(3.0, gauge("s1").value());
        assertEquals(4.0, gauge("s3").value());

        rows.update(Map.of(site("s2"), 9.0, site("s3"), 4.5));
        assertEquals(9.0, gauge("s2").value(), "a site back gets a fresh row");
        assertEquals(4.5, gauge("s3").value());
        assertNull(registry.find("fleet_test_age").tag("site", "s1").gauge());
    }

    private static Tags site(String site) {
        return Tags.of("site", site);
    }

    private Gauge gauge(String site) {
        return registry.get("fleet_test_age").tag("site", site).gauge();
    }
}
