package io.edgefleet.placement.intake;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.placement.store.SiteStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The unit of work of one polled batch: one database transaction, the sites it touched, and the
 * events it will publish through the outbox when it commits.
 */
final class Batch {
    /** The CloudEvent source of everything placement publishes. */
    static final String SOURCE = "/placement";

    private final Connection tx;
    private final SiteStore sites;
    private final Map<String, Optional<SiteWork>> siteWork = new LinkedHashMap<>();
    private final List<EncodedEvent> events = new ArrayList<>();

    Batch(Connection tx, SiteStore sites) {
        this.tx = tx;
        this.sites = sites;
    }

    Connection tx() {
        return tx;
    }

    /** The site's working state, read on first use in this batch; empty if the site is unknown. */
    Optional<SiteWork> site(String siteId) throws SQLException {
        Optional<SiteWork> cached = siteWork.get(siteId);
        if (cached == null) {
            cached = sites.load(tx, siteId).map(SiteWork::new);
            siteWork.put(siteId, cached);
        }
        return cached;
    }

    void emit(EventPayload payload) {
        events.add(CloudEventCodec.encode(CloudEvent.of(SOURCE, payload)));
    }

    void emit(EncodedEvent event) {
        events.add(event);
    }

    List<SiteWork> changedSites() {
        return siteWork.values().stream().flatMap(Optional::stream).filter(SiteWork::planChanged).toList();
    }

    List<EncodedEvent> events() {
        return events;
    }
}
