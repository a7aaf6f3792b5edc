package io.edgefleet.placement.identity;

import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.identity.SiteSignatureVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The enrolled public keys, cached: a site's key is read from {@code site_key} the first time one of
 * its reports arrives and kept. A report that fails with the cached key (or finds none) has the
 * site read again, at most once per {@code refresh-interval} per site, so an enrolment or a
 * rotation done by any replica takes effect here within that interval, and a flood of reports for
 * unknown sites costs one query per site and interval, not one per report. After an enrolment
 * handled by this replica the site is re-read on every failure for a while, so the first reports
 * signed with a new key are not refused because of a read taken just before the enrolment committed.
 */
@ApplicationScoped
public class EnrolledKeys {
    private static final Logger LOG = Logger.getLogger(EnrolledKeys.class);
    /** More cached sites than any fleet has: beyond it, the cache (mostly unknown ids then) starts over. */
    private static final int MAX_ENTRIES = 100_000;
    private static final Duration AFTER_ENROLMENT = Duration.ofSeconds(30);

    /** What is known of one site: its key (empty: not enrolled) and when it was read. */
    private record Entry(Optional<PublicKey> key, long readAtNanos) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    SiteKeyStore store;

    /** How often a site whose reports fail is read again from the database. */
    @ConfigProperty(name = "edgefleet.placement.identity.refresh-interval", defaultValue = "2s")
    Duration refreshInterval;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Long> enrolledRecently = new ConcurrentHashMap<>();

    /** The site's enrolled key: from the cache, or read from the database the first time. */
    public Optional<PublicKey> find(String siteId) {
        Entry entry = entries.get(siteId);
        return entry != null ? entry.key() : read(siteId, null);
    }

    /**
     * Reads the site again if its entry is older than the refresh interval (or the site was enrolled
     * here recently); true if that gave a different key than before, so a refused report is worth
     * checking again.
     */
    public boolean refresh(String siteId) {
        if (siteId == null) {
            return false;
        }
        Entry entry = entries.get(siteId);
        long now = System.nanoTime();
        Long enrolledAt = enrolledRecently.get(siteId);
        boolean recent = enrolledAt != null && now - enrolledAt < AFTER_ENROLMENT.toNanos();
        if (enrolledAt != null && !recent) {
            enrolledRecently.remove(siteId);
        }
        if (entry != null && !recent && now - entry.readAtNanos() < refreshInterval.toNanos()) {
            return false;
        }
        Optional<PublicKey> before = entry == null ? Optional.empty() : entry.key();
        return !read(siteId, entry).equals(before);
    }

    /** A site was enrolled (or rotated) in a transaction of this replica: its next failure reads it again. */
    public void enrolled(String siteId) {
        enrolledRecently.put(siteId, System.nanoTime());
        Entry gone = entries.remove(siteId);
        // Its decoded point goes too (a re-enrolment of the same key only decodes it once more).
        retire(gone == null ? Optional.empty() : gone.key(), Optional.empty());
    }

    private Optional<PublicKey> read(String siteId, Entry previous) {
        Optional<PublicKey> key;
        try (Connection c = dataSource.getConnection()) {
            key = store.find(c, siteId).map(e -> SiteKeys.parsePublicKey(e.publicKeyPem()));
        } catch (SQLException | RuntimeException e) {
            // Database away (or a row that no longer parses): keep what was known, try again later.
            LOG.debugf("reading the enrolled key of site %s failed: %s", siteId, e.toString());
            key = previous == null ? Optional.empty() : previous.key();
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(siteId, new Entry(key, System.nanoTime()));
        retire(previous == null ? Optional.empty() : previous.key(), key);
        return key;
    }

    /** A rotated or removed key: the verifier's decoded point of it is no longer needed. */
    private static void retire(Optional<PublicKey> old, Optional<PublicKey> current) {
        if (old.isPresent() && !old.equals(current)) {
            SiteSignatureVerifier.keyRetired(old.get());
        }
    }
}
