package io.edgefleet.placement.identity;

import io.edgefleet.events.identity.SiteSignatureVerifier.Verdict;
import io.edgefleet.placement.intake.IncomingRecord;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Logs refused reports without flooding the log: the first refusal of each (site, signing host,
 * reason) at once, then at most one line per minute for it, saying how many were refused in between. A compromised
 * or misconfigured agent sending thousands of reports gives one line a minute, not thousands.
 */
final class RefusalLog {
    private static final Logger LOG = Logger.getLogger(ReportAdmission.class);
    private static final long EVERY = TimeUnit.MINUTES.toNanos(1);
    private static final int MAX_KEYS = 10_000;

    /** Refusals of one (site, signing host, reason) since its last line. */
    private static final class Window {
        long loggedAt;
        long suppressed;
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    void refused(Verdict verdict, IncomingRecord record, boolean enforced) {
        String site = printable(verdict.siteId());
        String key = site + "|" + verdict.hostId() + "|" + verdict.reason();
        long now = System.nanoTime();
        long suppressed;
        synchronized (this) {
            if (windows.size() >= MAX_KEYS && !windows.containsKey(key)) {
                windows.clear();
            }
            Window w = windows.computeIfAbsent(key, k -> new Window());
            if (w.loggedAt != 0 && now - w.loggedAt < EVERY) {
                w.suppressed++;
                return;
            }
            suppressed = w.suppressed;
            w.loggedAt = now;
            w.suppressed = 0;
        }
        LOG.warnf("site report %s (site %s%s, reason %s, %s-%d@%d): %s%s", enforced ? "DROPPED" : "applied UNVERIFIED"
                        + " (edgefleet.placement.identity.enforce=false)", site,
                verdict.hostId() == null ? "" : ", signing host " + printable(verdict.hostId()), verdict.reason(), record.topic(),
                record.partition(), record.offset(), printable(verdict.message()),
                suppressed > 0 ? " (" + suppressed + " more like it in the last minute not logged)" : "");
    }

    /** What the report claimed, safe for one log line (it is the sender's text). */
    private static String printable(String s) {
        if (s == null) {
            return "?";
        }
        String t = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        return t.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f) ? t : t.replaceAll("\\p{Cntrl}", "?");
    }
}
