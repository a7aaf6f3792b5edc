package io.edgefleet.placement.identity;

import io.edgefleet.events.identity.FreshnessClaims;
import io.edgefleet.events.identity.ReportSequence;
import io.edgefleet.events.identity.SiteSignatureVerifier.Reason;
import io.edgefleet.events.identity.SiteSignatureVerifier.Verdict;
import io.edgefleet.placement.intake.IncomingRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses validly signed reports that are copies or too old (ADR 0027). A report's signature covers when
 * it was signed and its signer's sequence number ({@link FreshnessClaims}): it is STALE if signed more than
 * max-age (plus max-skew) ago by placement's clock, or more than max-skew ahead of it; REPLAYED if its
 * sequence is not newer than the newest this replica accepted from the same signer (a site, or a host of
 * it), nor newer than the floor of its partition.
 *
 * <p>The floor covers what memory cannot: after a start, or when a partition comes back to this replica
 * after another one handled it, the newest sequences are unknown here. Sequences are times in
 * microseconds, so the floor is the partition's report clock (the newest record placement handled there,
 * ADR 0011) less max-skew: a report signed before it was in placement's hands already. It is read the first
 * time a partition's record arrives, and again after the partition was away from this replica for
 * {@link #FLOOR_REFRESH}.
 *
 * <p>Reports without claims (agents from before ADR 0027) pass, unless their signer has sent claims before
 * (a copy of a report from before its upgrade) or {@code require} is set. Not thread-safe on its own: the
 * caller serialises (one consumer thread, and {@link #check} is synchronized).
 */
final class ReplayGuard {
    /** Where the report clock of a partition is read: the time of the newest record handled there, if any. */
    @FunctionalInterface
    interface ReportClock {
        Optional<Instant> appliedAt(String topic, int partition);
    }

    /** After this long without a record of a partition, its floor is read again. */
    static final Duration FLOOR_REFRESH = Duration.ofSeconds(30);
    /** More signers than any fleet has (10,000 sites of 16 host agents); beyond it memory starts over. */
    static final int MAX_SIGNERS = 400_000;

    private record Signer(String siteId, String hostId) {
    }

    /** A partition's floor (microseconds) and when this replica last handled a record of it. */
    private record Floor(long micros, long lastSeenNanos) {
    }

    private final Duration maxAge;
    private final Duration maxSkew;
    private final boolean require;
    private final ReportClock reportClock;
    private final Map<Signer, Long> newest = new HashMap<>();
    private final Map<String, Floor> floors = new HashMap<>();

    ReplayGuard(Duration maxAge, Duration maxSkew, boolean require, ReportClock reportClock) {
        if (maxAge.isNegative() || maxAge.isZero() || maxSkew.isNegative()) {
            throw new IllegalArgumentException("edgefleet.placement.reports.max-age must be positive and max-skew"
                    + " not negative, got " + maxAge + " and " + maxSkew);
        }
        this.maxAge = maxAge;
        this.maxSkew = maxSkew;
        this.require = require;
        this.reportClock = reportClock;
    }

    /** The verdict on a report whose signature verified ({@code signed} is OK): still OK, or STALE or REPLAYED. */
    synchronized Verdict check(Verdict signed, IncomingRecord record, Instant now, long nowNanos) {
        Signer signer = new Signer(signed.siteId(), signed.hostId());
        Optional<FreshnessClaims> claims = FreshnessClaims.of(record.headers());
        if (claims.isEmpty()) {
            if (require) {
                return refuse(Reason.STALE, signed, "names no time of signing nor sequence (an agent from before"
                        + " ADR 0027, while edgefleet.placement.reports.require-freshness=true)");
            }
            return newest.containsKey(signer) ? refuse(Reason.REPLAYED, signed, "names no sequence, but this"
                    + " signer's reports have one: a copy of a report from before its upgrade") : signed;
        }
        long issuedAt = claims.get().issuedAt();
        long age = now.getEpochSecond() - issuedAt;
        if (age > maxAge.plus(maxSkew).toSeconds()) {
            return refuse(Reason.STALE, signed, "was signed " + age + " s ago, more than max-age " + maxAge.toSeconds()
                    + " s (+ max-skew " + maxSkew.toSeconds() + " s) by placement's clock");
        }
        if (-age > maxSkew.toSeconds()) {
            return refuse(Reason.STALE, signed, "was signed " + (-age) + " s ahead of placement's clock, more than"
                    + " max-skew " + maxSkew.toSeconds() + " s (is the agent's clock right?)");
        }
        long sequence = claims.get().sequence();
        Long last = newest.get(signer);
        if (last != null && sequence <= last) {
            return refuse(Reason.REPLAYED, signed, "has sequence " + sequence + ", not newer than " + last
                    + ", the newest accepted from this signer");
        }
        long floor = floor(record, nowNanos);
        if (sequence <= floor) {
            return refuse(Reason.REPLAYED, signed, "has sequence " + sequence + ", signed before " + floor
                    + " (µs), the report clock of partition " + record.partition() + " less max-skew: placement had"
                    + " handled newer reports there already");
        }
        if (newest.size() >= MAX_SIGNERS && !newest.containsKey(signer)) {
            newest.clear();
            floors.clear(); // read again: they now stand in for the sequences forgotten
        }
        newest.put(signer, sequence);
        return signed;
    }

    /** The partition's floor, read from the report clock on first sight or after a long absence. */
    private long floor(IncomingRecord record, long nowNanos) {
        String partition = record.topic() + "/" + record.partition();
        Floor known = floors.get(partition);
        long micros;
        if (known == null || nowNanos - known.lastSeenNanos() > FLOOR_REFRESH.toNanos()) {
            micros = reportClock.appliedAt(record.topic(), record.partition())
                    .map(at -> ReportSequence.micros(at.minus(maxSkew)))
                    .orElse(known == null ? Long.MIN_VALUE : known.micros());
        } else {
            micros = known.micros();
        }
        floors.put(partition, new Floor(micros, nowNanos));
        return micros;
    }

    private static Verdict refuse(Reason reason, Verdict signed, String why) {
        String signer = signed.hostId() == null ? "site " + signed.siteId()
                : "host " + signed.hostId() + " of site " + signed.siteId();
        return new Verdict(reason, signed.siteId(), "report signed by " + signer + " " + why, signed.hostId());
    }
}
