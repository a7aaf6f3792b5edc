package io.edgefleet.placement.identity;

import io.edgefleet.events.identity.SiteSignatureVerifier;
import io.edgefleet.events.identity.SiteSignatureVerifier.Reason;
import io.edgefleet.events.identity.SiteSignatureVerifier.Verdict;
import io.edgefleet.placement.intake.IncomingRecord;
import io.edgefleet.placement.metrics.FleetMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gate of {@code fleet.site-reports.v1}: every report must be signed by the enrolled key of
 * the site it speaks for (ADR 0007), or, when it carries {@code ce_sitehost}, by the key enrolled
 * for that host, and then speak for that host only (ADR 0022); checked before the report is even
 * decoded, with one key lookup and one verification per report; then it must be fresh and newer than
 * its signer's previous report ({@link ReportFreshness}, ADR 0027: REPLAYED, STALE). A report that
 * fails is dropped, counted in {@code fleet_placement_site_reports_dropped_total{reason}} and
 * logged (rate-limited). With {@code edgefleet.placement.identity.enforce=false} (for a rollout:
 * agents signing, keys being enrolled) failures are counted and logged but the report is applied.
 */
@ApplicationScoped
@Startup // the counters exist (at zero) from the start, not from the first report
public class ReportAdmission {
    @Inject
    EnrolledKeys keys;
    @Inject
    MeterRegistry registry;
    @Inject
    ReportFreshness freshness;

    /** Drop reports that fail the signature check (true), or only count and log them (false). */
    @ConfigProperty(name = "edgefleet.placement.identity.enforce", defaultValue = "true")
    boolean enforce;

    private final Map<Reason, Counter> dropped = new EnumMap<>(Reason.class);
    private final RefusalLog log = new RefusalLog();
    private SiteSignatureVerifier verifier;

    @PostConstruct
    void init() {
        verifier = SiteSignatureVerifier.forKeys(keys::find);
        for (Reason reason : Reason.values()) {
            if (reason != Reason.OK) {
                // Registered at zero, so an alert on its rate sees the series before the first refusal.
                dropped.put(reason, Counter.builder(FleetMetrics.SITE_REPORTS_DROPPED)
                        .description(FleetMetrics.help(FleetMetrics.SITE_REPORTS_DROPPED))
                        .tag(FleetMetrics.TAG_REASON, reason.name()).register(registry));
            }
        }
    }

    /** The records to apply, in their order: those signed by their site (all of them when not enforcing). */
    public List<IncomingRecord> admitted(List<IncomingRecord> records) {
        List<IncomingRecord> admitted = new ArrayList<>(records.size());
        for (IncomingRecord record : records) {
            Verdict verdict = check(record);
            if (verdict.valid()) {
                // Only a genuine signature's time and sequence mean anything (ADR 0027).
                verdict = freshness.check(verdict, record);
            }
            if (!verdict.valid()) {
                dropped.get(verdict.reason()).increment();
                log.refused(verdict, record, enforce);
                if (enforce) {
                    continue;
                }
            }
            admitted.add(record);
        }
        return admitted;
    }

    /** The verdict on one record; a key that may have changed (enrolment, rotation) is read again first. */
    public Verdict check(IncomingRecord record) {
        Verdict verdict = verifier.verify(record.headers(), record.key(), record.value());
        Reason reason = verdict.reason();
        if ((reason == Reason.UNKNOWN_SITE || reason == Reason.UNKNOWN_HOST || reason == Reason.BAD_SIGNATURE)
                && keys.refresh(verdict.siteId(), verdict.hostId())) {
            verdict = verifier.verify(record.headers(), record.key(), record.value());
        }
        return verdict;
    }

    public boolean enforcing() {
        return enforce;
    }
}
