package io.edgefleet.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.identity.SiteKeyFile;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.identity.FreshnessClaims;
import io.edgefleet.events.identity.ReportSequence;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.identity.SiteSignatureVerifier;
import io.edgefleet.events.identity.SiteSignatureVerifier.Reason;
import io.edgefleet.events.identity.SiteSignatures;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.MicroVmState;
import io.edgefleet.events.report.MicroVmStateChanged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent sends: a host agent's report names its host in {@code ce_sitehost} and verifies
 * with the public key its key file wrote (enrolled for that host); a site-wide agent's names no host.
 */
class SignedReportsTest {
    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static PublicKey enrolled(Path keyFile) throws Exception {
        return SiteKeys.parsePublicKey(Files.readString(SiteKeyFile.publicKeyFile(keyFile)));
    }

    private static SiteSignatureVerifier.Verdict verify(SiteSignatureVerifier verifier, EncodedEvent e) {
        return verifier.verify(e.headers(), e.key(), e.value());
    }

    @Test
    void aHostAgentsReportCarriesItsHostAndASignatureByItsOwnKey() throws Exception {
        Path keyFile = dir.resolve("h2/site.key");
        SignedReports reports = SignedReports.of("edge-par-01", Optional.of("h2"), Optional.of(keyFile));
        PublicKey h2 = enrolled(keyFile);
        SiteSignatureVerifier placement = SiteSignatureVerifier.forKeys((site, host) ->
                "edge-par-01".equals(site) && "h2".equals(host) ? Optional.of(h2) : Optional.empty());

        EncodedEvent beat = reports.encode(AgentHeartbeat.light("edge-par-01", "h2", "0.1.0", AT, 5, "digest", null));
        assertEquals("h2", beat.headers().get(SiteSignatures.HOST_HEADER));
        SiteSignatureVerifier.Verdict v = verify(placement, beat);
        assertEquals(Reason.OK, v.reason(), v.message());
        assertEquals("h2", v.hostId());
        EncodedEvent vm = reports.encode(new MicroVmStateChanged("edge-par-01", "h2", "c1-cp-0", "c1",
                MicroVmState.RUNNING, null, 3, AT));
        assertEquals(Reason.OK, verify(placement, vm).reason());

        // The same key file's key enrolled as the site's (no host) does not verify a host report.
        SiteSignatureVerifier siteOnly = new SiteSignatureVerifier(site -> Optional.of(h2));
        assertEquals(Reason.UNKNOWN_HOST, verify(siteOnly, beat).reason());
    }

    @Test
    void aSiteWideAgentsReportNamesNoHostAndVerifiesWithTheSiteKey() throws Exception {
        Path keyFile = dir.resolve("site.key");
        SignedReports reports = SignedReports.of("edge-par-01", Optional.empty(), Optional.of(keyFile));
        PublicKey site = enrolled(keyFile);
        EncodedEvent beat = reports.encode(AgentHeartbeat.light("edge-par-01", "0.1.0", AT, 5, "digest"));
        assertNull(beat.headers().get(SiteSignatures.HOST_HEADER));
        assertEquals(Reason.OK, verify(new SiteSignatureVerifier(s -> Optional.of(site)), beat).reason());
    }

    @Test
    void everyReportNamesWhenItWasSignedAndANewerSequenceThanTheOneBefore() throws Exception {
        Path keyFile = dir.resolve("seq/site.key");
        SignedReports reports = SignedReports.of("edge-par-01", Optional.empty(), Optional.of(keyFile));
        long startMicros = ReportSequence.micros(Instant.now());
        FreshnessClaims first = FreshnessClaims.of(reports.encode(AgentHeartbeat.light("edge-par-01", "0.1.0", AT, 5,
                "digest")).headers()).orElseThrow();
        FreshnessClaims second = FreshnessClaims.of(reports.encode(new MicroVmStateChanged("edge-par-01", "h1",
                "c1-cp-0", "c1", MicroVmState.RUNNING, null, 3, AT)).headers()).orElseThrow();
        // The agent started again over the same key file: its numbers go on from the time, not from zero.
        SignedReports restarted = SignedReports.of("edge-par-01", Optional.empty(), Optional.of(keyFile));
        FreshnessClaims third = FreshnessClaims.of(restarted.encode(AgentHeartbeat.light("edge-par-01", "0.1.0", AT, 5,
                "digest")).headers()).orElseThrow();

        assertTrue(first.sequence() >= startMicros, first + " starts from the time in microseconds");
        assertTrue(second.sequence() > first.sequence() && third.sequence() > second.sequence(),
                first + ", " + second + ", " + third);
        long now = Instant.now().getEpochSecond();
        assertTrue(first.issuedAt() >= startMicros / 1_000_000 && third.issuedAt() <= now, first + ", " + third);
    }

    @Test
    void withoutAKeyFileNothingIsSignedAndABadHostIdStopsTheStart() {
        SignedReports unsigned = SignedReports.of("edge-par-01", Optional.of("h2"), Optional.empty());
        assertFalse(unsigned.signing());
        EncodedEvent beat = unsigned.encode(AgentHeartbeat.light("edge-par-01", "h2", "0.1.0", AT, 5, "d", null));
        assertNull(beat.headers().get(SiteSignatures.HEADER));
        assertNull(beat.headers().get(SiteSignatures.HOST_HEADER));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                SignedReports.of("edge-par-01", Optional.of("Host 2"), Optional.of(dir.resolve("k"))));
        assertEquals("host id must be 1-63 lower-case letters, digits or '-' (not first or last), got Host 2",
                e.getMessage());
    }
}
