package io.edgefleet.placement.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.identity.EnrolledSiteKeys;
import io.edgefleet.events.identity.FreshnessClaims;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.identity.SiteSigner;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.placement.intake.IncomingRecord;
import io.edgefleet.placement.metrics.FleetMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The gate alone (keys in memory): enforcing, only reports signed by their site pass; not
 * enforcing (rollout), every report passes and the failures are counted all the same.
 */
class ReportAdmissionTest {
    private final KeyPair key = SiteKeys.generate();
    private final EnrolledSiteKeys enrolled = new EnrolledSiteKeys();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** The cache, over the in-memory enrolments instead of PostgreSQL. */
    private final class InMemoryKeys extends EnrolledKeys {
        int refreshes;

        @Override
        public Optional<PublicKey> find(String siteId, String hostId) {
            return enrolled.find(siteId, hostId);
        }

        @Override
        public boolean refresh(String siteId, String hostId) {
            refreshes++;
            return false;
        }
    }

    private ReportAdmission admission(boolean enforce, InMemoryKeys keys) {
        ReportAdmission admission = new ReportAdmission();
        admission.keys = keys;
        admission.registry = registry;
        admission.enforce = enforce;
        admission.freshness = ReportFreshness.of(Duration.ofMinutes(5), Duration.ofSeconds(30), false,
                (topic, partition) -> Optional.empty());
        admission.init();
        return admission;
    }

    private static IncomingRecord record(EncodedEvent e) {
        return new IncomingRecord(e.topic(), 0, 0, 0, e.key(), e.headers(), e.value());
    }

    private static EncodedEvent heartbeat(String siteId) {
        return CloudEventCodec.encode(CloudEvent.of("/site-agent/" + siteId,
                new AgentHeartbeat(siteId, "test", Instant.now(), 10, List.of())));
    }

    private double dropped(String reason) {
        return registry.get(FleetMetrics.SITE_REPORTS_DROPPED).tag(FleetMetrics.TAG_REASON, reason).counter().count();
    }

    @Test
    void enforcingDropsAndCountsEveryReportNotSignedByItsSite() {
        enrolled.enroll("s1", SiteKeys.publicKeyPem(key.getPublic()));
        InMemoryKeys keys = new InMemoryKeys();
        ReportAdmission admission = admission(true, keys);
        IncomingRecord good = record(new SiteSigner("s1", key.getPrivate()).sign(heartbeat("s1")));
        IncomingRecord unsigned = record(heartbeat("s1"));
        IncomingRecord otherKey = record(new SiteSigner("s1", SiteKeys.generate().getPrivate()).sign(heartbeat("s1")));
        IncomingRecord unknown = record(new SiteSigner("s2", key.getPrivate()).sign(heartbeat("s2")));
        IncomingRecord garbage = new IncomingRecord("fleet.site-reports.v1", 0, 0, 0, "s1", java.util.Map.of(),
                "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertEquals(List.of(good), admission.admitted(List.of(unsigned, good, otherKey, unknown, garbage)));
        assertEquals(1, dropped("MISSING"));
        assertEquals(1, dropped("BAD_SIGNATURE"));
        assertEquals(1, dropped("UNKNOWN_SITE"));
        assertEquals(1, dropped("MALFORMED"));
        assertEquals(0, dropped("WRONG_SITE"));
        assertEquals(2, keys.refreshes, "a possibly rotated or newly enrolled key is looked up again");
    }

    @Test
    void aHostKeyIsCheckedForItsHostAndMaySpeakOnlyForIt() {
        KeyPair h1 = SiteKeys.generate();
        enrolled.enroll("s1", SiteKeys.publicKeyPem(key.getPublic()));
        enrolled.enroll("s1", "h1", SiteKeys.publicKeyPem(h1.getPublic()));
        InMemoryKeys keys = new InMemoryKeys();
        ReportAdmission admission = admission(true, keys);
        assertEquals(0, dropped("WRONG_HOST"), "registered at zero");
        assertEquals(0, dropped("UNKNOWN_HOST"), "registered at zero");
        SiteSigner hostSigner = new SiteSigner("s1", "h1", h1.getPrivate());
        IncomingRecord own = record(hostSigner.sign(hostBeat("s1", "h1")));
        IncomingRecord forH2 = record(hostSigner.sign(hostBeat("s1", "h2")));
        IncomingRecord siteKeyAsHost = record(new SiteSigner("s1", "h1", key.getPrivate()).sign(hostBeat("s1", "h1")));
        IncomingRecord noHostKey = record(new SiteSigner("s1", "h2", key.getPrivate()).sign(hostBeat("s1", "h2")));

        assertEquals(List.of(own), admission.admitted(List.of(own, forH2, siteKeyAsHost, noHostKey)));
        assertEquals(1, dropped("WRONG_HOST"));
        assertEquals(1, dropped("BAD_SIGNATURE"));
        assertEquals(1, dropped("UNKNOWN_HOST"));
        assertEquals(2, keys.refreshes, "an unknown host's or failing host's key is looked up again, not a wrong host's");
    }

    private static EncodedEvent hostBeat(String siteId, String hostId) {
        return CloudEventCodec.encode(CloudEvent.of("/site-agent/" + siteId,
                AgentHeartbeat.light(siteId, hostId, "test", Instant.now(), 10, "digest", null)));
    }

    @Test
    void aCopyOfASignedReportAndAStaleOneAreDroppedAndCounted() {
        enrolled.enroll("s4", SiteKeys.publicKeyPem(key.getPublic()));
        ReportAdmission admission = admission(true, new InMemoryKeys());
        assertEquals(0, dropped("REPLAYED"), "registered at zero");
        assertEquals(0, dropped("STALE"), "registered at zero");
        SiteSigner signer = new SiteSigner("s4", key.getPrivate());
        IncomingRecord first = record(signer.sign(heartbeat("s4")));
        IncomingRecord second = record(signer.sign(heartbeat("s4")));
        IncomingRecord old = record(signer.sign(heartbeat("s4"),
                new FreshnessClaims(Instant.now().minusSeconds(600).getEpochSecond(), Long.MAX_VALUE)));

        assertEquals(List.of(first, second), admission.admitted(List.of(first, second, first, old)));
        assertEquals(1, dropped("REPLAYED"));
        assertEquals(1, dropped("STALE"));
        assertEquals(List.of(), admission.admitted(List.of(second)), "a copy stays a copy in a later poll");
        assertEquals(2, dropped("REPLAYED"));
    }

    @Test
    void notEnforcingAppliesEverythingButStillCounts() {
        ReportAdmission admission = admission(false, new InMemoryKeys());
        IncomingRecord unsigned = record(heartbeat("s3"));
        IncomingRecord unknown = record(new SiteSigner("s3", key.getPrivate()).sign(heartbeat("s3")));

        assertEquals(List.of(unsigned, unknown), admission.admitted(List.of(unsigned, unknown)));
        assertEquals(1, dropped("MISSING"));
        assertEquals(1, dropped("UNKNOWN_SITE"));

        enrolled.enroll("s5", SiteKeys.publicKeyPem(key.getPublic()));
        IncomingRecord signed = record(new SiteSigner("s5", key.getPrivate()).sign(heartbeat("s5")));
        assertEquals(List.of(signed, signed), admission.admitted(List.of(signed, signed)));
        assertEquals(1, dropped("REPLAYED"), "a copy is counted, and applied while not enforcing");
    }
}
