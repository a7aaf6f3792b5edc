package io.edgefleet.placement.intake;

import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Says, at most once a minute, that light heartbeats named an inventory placement does not hold
 * (ADR 0013). That is expected for a while after a site's hosts were marked DOWN for silence or a
 * full heartbeat was lost, and heals at the site's next full heartbeat; a steady stream means an
 * agent whose full heartbeats never arrive. One line a minute with a count, never one per report.
 */
final class StaleInventoryLog {
    private static final Logger LOG = Logger.getLogger(SiteInventory.class);
    private static final long EVERY = TimeUnit.MINUTES.toNanos(1);

    private long loggedAt;
    private long suppressed;

    void stale(String siteId, String digest, String held) {
        long now = System.nanoTime();
        long before;
        synchronized (this) {
            if (loggedAt != 0 && now - loggedAt < EVERY) {
                suppressed++;
                return;
            }
            before = suppressed;
            loggedAt = now;
            suppressed = 0;
        }
        // siteId and digest passed the heartbeat's schema (patterns), so they are safe in one log line.
        LOG.infof("light heartbeat of site %s names inventory %s, but the site's host rows hold %s: liveness"
                        + " applied, hosts left as they are until the site's next full heartbeat%s", siteId, digest,
                held == null ? "no known inventory digest" : held,
                before > 0 ? " (" + before + " more such heartbeats in the last minute not logged)" : "");
    }
}
