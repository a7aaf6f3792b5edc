package io.edgefleet.placement.identity;

import io.edgefleet.events.identity.SiteSignatureVerifier.Verdict;
import io.edgefleet.placement.intake.IncomingRecord;
import io.edgefleet.placement.store.ReportClockStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The freshness half of the report gate (ADR 0027): after its signature verified, a report must be
 * recent and newer than its signer's last one ({@link ReplayGuard}); the sequences are kept in memory,
 * and where memory has none the partition's report clock in PostgreSQL ({@code report_clock}) bounds them.
 */
@ApplicationScoped
public class ReportFreshness {
    private static final Logger LOG = Logger.getLogger(ReportFreshness.class);

    @Inject
    DataSource dataSource;
    @Inject
    ReportClockStore reportClock;

    /** How long ago a report may have been signed, by placement's clock. */
    @ConfigProperty(name = "edgefleet.placement.reports.max-age", defaultValue = "5m")
    Duration maxAge;

    /** How far an agent's clock may be from placement's (either way). */
    @ConfigProperty(name = "edgefleet.placement.reports.max-skew", defaultValue = "30s")
    Duration maxSkew;

    /**
     * Refuse reports without a signed time and sequence (STALE). Off by default so agents from before
     * them keep reporting during a rolling upgrade; turn on once every agent is upgraded.
     */
    @ConfigProperty(name = "edgefleet.placement.reports.require-freshness", defaultValue = "false")
    boolean require;

    private ReplayGuard guard;

    @PostConstruct
    void init() {
        guard = new ReplayGuard(maxAge, maxSkew, require, this::appliedAt);
    }

    /** A guard over the given report clock instead of PostgreSQL's (tests). */
    static ReportFreshness of(Duration maxAge, Duration maxSkew, boolean require, ReplayGuard.ReportClock clock) {
        ReportFreshness freshness = new ReportFreshness();
        freshness.guard = new ReplayGuard(maxAge, maxSkew, require, clock);
        return freshness;
    }

    /** The verdict on a report whose signature verified: still OK, or STALE, or REPLAYED. */
    public Verdict check(Verdict signed, IncomingRecord record) {
        return guard.check(signed, record, Instant.now(), System.nanoTime());
    }

    private Optional<Instant> appliedAt(String topic, int partition) {
        try (Connection c = dataSource.getConnection()) {
            return reportClock.read(c, topic).stream().filter(p -> p.partition() == partition).findFirst()
                    .map(ReportClockStore.Position::at);
        } catch (SQLException e) {
            // Database away: no floor this time (memory still holds the sequences seen); read again later.
            LOG.debugf("report clock of %s-%d not read: %s", topic, partition, e.toString());
            return Optional.empty();
        }
    }
}
