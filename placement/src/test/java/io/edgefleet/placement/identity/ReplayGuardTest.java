package io.edgefleet.placement.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.identity.FreshnessClaims;
import io.edgefleet.events.identity.ReportSequence;
import io.edgefleet.events.identity.SiteSignatureVerifier.Reason;
import io.edgefleet.events.identity.SiteSignatureVerifier.Verdict;
import io.edgefleet.events.identity.SiteSignatures;
import io.edgefleet.placement.intake.IncomingRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The freshness rules alone, on hand-made records whose signatures are taken as verified (the verifier's
 * own tests cover that the claims cannot be changed without breaking them).
 */
class ReplayGuardTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final long NOW_MICROS = ReportSequence.micros(NOW);

    final Map<Integer, Instant> clock = new HashMap<>();
    final List<Integer> clockReads = new ArrayList<>();
    long nanos = 1_000_000_000L;

    ReplayGuard guard(boolean require) {
        return new ReplayGuard(Duration.ofMinutes(5), Duration.ofSeconds(30), require, (topic, partition) -> {
            clockReads.add(partition);
            return Optional.ofNullable(clock.get(partition));
        });
    }

    static Verdict signed(String siteId, String hostId) {
        return new Verdict(Reason.OK, siteId, "signed", hostId);
    }

    /** A record whose signature's protected header carries these claims (null: none, an older agent's). */
    static IncomingRecord record(int partition, FreshnessClaims claims) {
        String header = "{\"alg\":\"EdDSA\",\"kid\":\"s1\"" + (claims == null ? ""
                : ",\"iat\":" + claims.issuedAt() + ",\"seq\":" + claims.sequence()) + "}";
        String jws = Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8))
                + "..AAAA";
        return new IncomingRecord("fleet.site-reports.v1", partition, 0, 0, "s1", Map.of(SiteSignatures.HEADER, jws),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    static FreshnessClaims at(Instant signedAt, long sequence) {
        return new FreshnessClaims(signedAt.getEpochSecond(), sequence);
    }

    Reason check(ReplayGuard guard, Verdict signed, IncomingRecord record) {
        return guard.check(signed, record, NOW, nanos).reason();
    }

    @Test
    void eachNewerReportPassesAndACopyOrAnOlderOneIsReplayed() {
        ReplayGuard guard = guard(false);
        Verdict site = signed("s1", null);
        assertEquals(Reason.OK, check(guard, site, record(0, at(NOW, NOW_MICROS))));
        assertEquals(Reason.OK, check(guard, site, record(0, at(NOW, NOW_MICROS + 1))));
        assertEquals(Reason.REPLAYED, check(guard, site, record(0, at(NOW, NOW_MICROS + 1))), "the same one again");
        assertEquals(Reason.REPLAYED, check(guard, site, record(0, at(NOW, NOW_MICROS))), "an earlier one");
        Verdict refused = guard.check(site, record(0, at(NOW, NOW_MICROS)), NOW, nanos);
        assertTrue(refused.message().contains("not newer than " + (NOW_MICROS + 1)), refused.message());
        assertEquals(Reason.OK, check(guard, site, record(0, at(NOW, NOW_MICROS + 2))), "a refusal changes nothing");
    }

    @Test
    void everySiteAndEveryHostHasItsOwnSequence() {
        ReplayGuard guard = guard(false);
        assertEquals(Reason.OK, check(guard, signed("s1", null), record(0, at(NOW, NOW_MICROS + 10))));
        assertEquals(Reason.OK, check(guard, signed("s1", "h1"), record(0, at(NOW, NOW_MICROS + 5))));
        assertEquals(Reason.OK, check(guard, signed("s1", "h2"), record(0, at(NOW, NOW_MICROS + 1))));
        assertEquals(Reason.OK, check(guard, signed("s2", null), record(0, at(NOW, NOW_MICROS + 1))));
        assertEquals(Reason.REPLAYED, check(guard, signed("s1", "h1"), record(0, at(NOW, NOW_MICROS + 5))));
    }

    @Test
    void aReportSignedTooLongAgoOrFromTheFutureIsStale() {
        ReplayGuard guard = guard(false);
        Verdict site = signed("s1", null);
        assertEquals(Reason.STALE, check(guard, site, record(0, at(NOW.minusSeconds(331), NOW_MICROS))),
                "5 min + 30 s of skew");
        assertEquals(Reason.OK, check(guard, site, record(0, at(NOW.minusSeconds(329), NOW_MICROS + 1))));
        assertEquals(Reason.STALE, check(guard, site, record(0, at(NOW.plusSeconds(31), NOW_MICROS + 2))));
        assertEquals(Reason.OK, check(guard, site, record(0, at(NOW.plusSeconds(29), NOW_MICROS + 3))));
        Verdict stale = guard.check(site, record(0, at(NOW.minusSeconds(600), NOW_MICROS + 4)), NOW, nanos);
        assertTrue(stale.message().contains("signed 600 s ago"), stale.message());
        assertEquals(Reason.OK, check(guard, site, record(0, at(NOW, NOW_MICROS + 4))),
                "a stale report's sequence was not taken as the newest");
    }

    @Test
    void reportsOfAgentsFromBeforeTheClaimsPassUntilTheirSignerHasShownClaimsOrTheyAreRequired() {
        ReplayGuard guard = guard(false);
        assertEquals(Reason.OK, check(guard, signed("s1", null), record(0, null)), "an older agent, during the upgrade");
        assertEquals(Reason.OK, check(guard, signed("s1", null), record(0, at(NOW, NOW_MICROS))), "upgraded");
        assertEquals(Reason.REPLAYED, check(guard, signed("s1", null), record(0, null)),
                "a report without claims from a signer that has them is a copy from before its upgrade");
        assertEquals(Reason.OK, check(guard, signed("s2", null), record(0, null)));

        assertEquals(Reason.STALE, check(guard(true), signed("s1", null), record(0, null)));
    }

    @Test
    void wherePlacementHasNoSequenceYetThePartitionsReportClockIsTheFloor() {
        clock.put(3, NOW.minusSeconds(10));
        ReplayGuard guard = guard(false);
        long floor = ReportSequence.micros(NOW.minusSeconds(40)); // the clock less max-skew
        assertEquals(Reason.REPLAYED, check(guard, signed("s1", null), record(3, at(NOW.minusSeconds(60),
                ReportSequence.micros(NOW.minusSeconds(60))))), "signed before placement handled newer reports");
        assertEquals(Reason.REPLAYED, check(guard, signed("s1", null), record(3, at(NOW, floor))));
        assertEquals(Reason.OK, check(guard, signed("s1", null), record(3, at(NOW, floor + 1))));
        assertEquals(Reason.OK, check(guard, signed("s2", null), record(4, at(NOW, 1))), "no clock on partition 4");
        assertEquals(List.of(3, 4), clockReads, "each partition's clock read once while its records keep coming");
    }

    @Test
    void theFloorIsReadAgainWhenAPartitionComesBackAfterAnAbsence() {
        ReplayGuard guard = guard(false);
        Verdict site = signed("s1", null);
        assertEquals(Reason.OK, check(guard, site, record(1, at(NOW, 100))));
        nanos += ReplayGuard.FLOOR_REFRESH.toNanos() / 2;
        assertEquals(Reason.OK, check(guard, site, record(1, at(NOW, 200))));
        assertEquals(List.of(1), clockReads);
        // Away for longer: another replica handled the partition (and accepted sequences this one never saw).
        clock.put(1, NOW.minusSeconds(5));
        nanos += ReplayGuard.FLOOR_REFRESH.toNanos() + 1;
        assertEquals(Reason.REPLAYED, check(guard, site, record(1, at(NOW.minusSeconds(120), 300))));
        assertEquals(List.of(1, 1), clockReads);
        assertEquals(Reason.OK, check(guard, site, record(1, at(NOW, NOW_MICROS))));
    }

    @Test
    void settingsThatCannotWorkAreRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayGuard(Duration.ZERO, Duration.ofSeconds(30), false,
                (t, p) -> Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new ReplayGuard(Duration.ofMinutes(5), Duration.ofSeconds(-1),
                false, (t, p) -> Optional.empty()));
    }
}
