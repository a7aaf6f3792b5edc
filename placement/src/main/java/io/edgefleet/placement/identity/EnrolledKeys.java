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
 * The enrolled public keys, cached per identity: a site's own key ({@code site_key}) or one host's
 * key ({@code host_key}, ADR 0022), each read the first time a report signed by it arrives and kept.
 * A report that fails with the cached key (or finds none) has that identity read again, at most
 * once per {@code refresh-interval} per identity, so an enrolment or a rotation done by any replica
 * takes effect here within that interval, and a flood of reports for unknown sites or hosts costs
 * one query per identity and interval, not one per report. After an enrolment handled by this
 * replica the identity is re-read on every failure for a while, so the first reports signed with a
 * new key are not refused because of a read taken just before the enrolment committed.
 */
@ApplicationScoped
public class EnrolledKeys {
    private static final Logger LOG = Logger.getLogger(EnrolledKeys.class);
    /**
     * More cached identities than any fleet has (10,000 sites with 16 host agents each are 170,000):
     * beyond it, the cache (mostly unknown ids then) starts over.
     */
    private static final int MAX_ENTRIES = 400_000;
    private static final Duration AFTER_ENROLMENT = Duration.ofSeconds(30);

    /** Whose key: a site's own ({@code hostId} null) or one host's of the site. */
    private record Identity(String siteId, String hostId) {
    }

    /** What is known of one identity: its key (empty: not enrolled) and when it was read. */
    private record Entry(Optional<PublicKey> key, long readAtNanos) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    SiteKeyStore store;

    /** How often an identity whose reports fail is read again from the database. */
    @ConfigProperty(name = "edgefleet.placement.identity.refresh-interval", defaultValue = "2s")
    Duration refreshInterval;

    private final Map<Identity, Entry> entries = new ConcurrentHashMap<>();
    private final Map<Identity, Long> enrolledRecently = new ConcurrentHashMap<>();

    /** The site's own enrolled key. */
    public Optional<PublicKey> find(String siteId) {
        return find(siteId, null);
    }

    /** The key enrolled for a host of the site ({@code hostId} null: the site's own): cached, or read the first time. */
    public Optional<PublicKey> find(String siteId, String hostId) {
        Identity id = new Identity(siteId, hostId);
        Entry entry = entries.get(id);
        return entry != null ? entry.key() : read(id, null);
    }

    /** As {@link #refresh(String, String)} for the site's own key. */
    public boolean refresh(String siteId) {
        return refresh(siteId, null);
    }

    /**
     * Reads the identity again if its entry is older than the refresh interval (or it was enrolled
     * here recently); true if that gave a different key than before, so a refused report is worth
     * checking again.
     */
    public boolean refresh(String siteId, String hostId) {
        if (siteId == null) {
            return false;
        }
        Identity id = new Identity(siteId, hostId);
        Entry entry = entries.get(id);
        long now = System.nanoTime();
        Long enrolledAt = enrolledRecently.get(id);
        boolean recent = enrolledAt != null && now - enrolledAt < AFTER_ENROLMENT.toNanos();
        if (enrolledAt != null && !recent) {
            enrolledRecently.remove(id);
        }
        if (entry != null && !recent && now - entry.readAtNanos() < refreshInterval.toNanos()) {
            return false;
        }
        Optional<PublicKey> before = entry == null ? Optional.empty() : entry.key();
        return !read(id, entry).equals(before);
    }

    /** A site's own key was enrolled (or rotated) in a transaction of this replica. */
    public void enrolled(String siteId) {
        enrolled(siteId, null);
    }

    /** A key was enrolled (or rotated) in a transaction of this replica: its next failure reads it again. */
    public void enrolled(String siteId, String hostId) {
        Identity id = new Identity(siteId, hostId);
        enrolledRecently.put(id, System.nanoTime());
        Entry gone = entries.remove(id);
        // Its decoded point goes too (a re-enrolment of the same key only decodes it once more).
        retire(gone == null ? Optional.empty() : gone.key(), Optional.empty());
    }

    private Optional<PublicKey> read(Identity id, Entry previous) {
        Optional<PublicKey> key;
        try (Connection c = dataSource.getConnection()) {
            key = store.find(c, id.siteId(), id.hostId()).map(e -> SiteKeys.parsePublicKey(e.publicKeyPem()));
        } catch (SQLException | RuntimeException e) {
            // Database away (or a row that no longer parses): keep what was known, try again later.
            LOG.debugf("reading the enrolled key of site %s%s failed: %s", id.siteId(),
                    id.hostId() == null ? "" : " host " + id.hostId(), e.toString());
            key = previous == null ? Optional.empty() : previous.key();
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(id, new Entry(key, System.nanoTime()));
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
