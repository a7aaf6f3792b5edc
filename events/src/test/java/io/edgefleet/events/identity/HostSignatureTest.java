package io.edgefleet.events.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.identity.SiteSignatureVerifier.Reason;
import io.edgefleet.events.identity.SiteSignatureVerifier.Verdict;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.BootstrapState;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.HostStateChanged;
import io.edgefleet.events.report.MicroVmState;
import io.edgefleet.events.report.MicroVmStateChanged;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Host identities (ADR 0022): a host agent's report names its host in {@code ce_sitehost}, the
 * signature covers that header, placement verifies with that host's key in one lookup, and a host
 * key speaks only for its own host.
 */
class HostSignatureTest {
    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    static final KeyPair SITE = SiteKeys.generate();
    static final KeyPair H1 = SiteKeys.generate();
    static final KeyPair H2 = SiteKeys.generate();

    final EnrolledSiteKeys keys = new EnrolledSiteKeys();
    final List<String> lookups = new ArrayList<>();
    final SiteSignatureVerifier verifier = SiteSignatureVerifier.forKeys((site, host) -> {
        lookups.add(site + "/" + host);
        return keys.find(site, host);
    });
    final SiteSigner h1 = new SiteSigner("site-a", "h1", H1.getPrivate());

    HostSignatureTest() {
        keys.enroll("site-a", SiteKeys.publicKeyPem(SITE.getPublic()));
        keys.enroll("site-a", "h1", SiteKeys.publicKeyPem(H1.getPublic()));
        keys.enroll("site-a", "h2", SiteKeys.publicKeyPem(H2.getPublic()));
    }

    static EncodedEvent encode(EventPayload payload) {
        return CloudEventCodec.encode(CloudEvent.of("/site-agent/site-a", payload));
    }

    static EncodedEvent microVm(String hostId) {
        return encode(new MicroVmStateChanged("site-a", hostId, "c1-cp-0", "c1", MicroVmState.RUNNING, null, 3, AT));
    }

    Verdict verify(EncodedEvent e) {
        return verifier.verify(e.headers(), e.key(), e.value());
    }

    @Test
    void aHostAgentsReportNamesItsHostAndVerifiesWithThatHostsKeyInOneLookup() {
        EncodedEvent signed = h1.sign(microVm("h1"));
        assertEquals("h1", signed.headers().get(SiteSignatures.HOST_HEADER));
        Verdict v = verify(signed);
        assertEquals(Reason.OK, v.reason(), v.message());
        assertEquals("h1", v.hostId());
        assertEquals(List.of("site-a/h1"), lookups, "one lookup, of the host's key, never the site's");

        for (EventPayload own : List.of(
                new AgentHeartbeat("site-a", "0.1.0", AT, 5, null, "digest", "h1", null),
                new HostStateChanged("site-a", "h1", HostState.CORDONED, "maintenance", AT),
                // Site-level: the plan names which host runs the site's steps.
                new ClusterBootstrapReported("site-a", "c1", BootstrapState.READY, "https://10.0.0.5:6443", 3, null, 3, AT))) {
            Verdict ok = verify(h1.sign(encode(own)));
            assertEquals(Reason.OK, ok.reason(), own + ": " + ok.message());
        }
    }

    @Test
    void aSiteWideAgentsReportCarriesNoHostHeaderAndIsCheckedAsBefore() {
        SiteSigner site = new SiteSigner("site-a", SITE.getPrivate());
        // A stale host header on the event is removed, not signed over.
        EncodedEvent signed = site.sign(SiteSignatureTest.withHeader(microVm("h2"), SiteSignatures.HOST_HEADER, "h1"));
        assertFalse(signed.headers().containsKey(SiteSignatures.HOST_HEADER));
        assertEquals(Reason.OK, verify(signed).reason());
        assertNull(verify(signed).hostId());
        assertEquals("site-a/null", lookups.get(0));
        // Byte for byte what the site signature covered before host identities existed.
        assertEquals(new String(SignedContent.of("i", "t", "s", "sub", "k", "d".getBytes())),
                "edgefleet-sitesig-v1\ni\nt\ns\nsub\nk\nd");
        assertEquals(new String(SignedContent.of("i", "t", "s", "sub", "k", null, "d".getBytes())),
                "edgefleet-sitesig-v1\ni\nt\ns\nsub\nk\nd");
    }

    @Test
    void theHostHeaderIsCoveredByTheSignature() {
        EncodedEvent signed = h1.sign(microVm("h1"));
        // Swapped to another enrolled host: that host's key does not verify h1's signature.
        Verdict swapped = verify(SiteSignatureTest.withHeader(signed, SiteSignatures.HOST_HEADER, "h2"));
        assertEquals(Reason.BAD_SIGNATURE, swapped.reason(), swapped.message());
        // Removed: checked as a site report, which the host's signature is not (other content version).
        assertEquals(Reason.BAD_SIGNATURE, verify(SiteSignatureTest.withHeader(signed, SiteSignatures.HOST_HEADER,
                null)).reason());
        // Even when an operator enrolled one key for both the site and the host, neither signature passes as the other.
        EnrolledSiteKeys shared = new EnrolledSiteKeys();
        shared.enroll("site-a", SiteKeys.publicKeyPem(H1.getPublic()));
        shared.enroll("site-a", "h1", SiteKeys.publicKeyPem(H1.getPublic()));
        SiteSignatureVerifier sharedVerifier = SiteSignatureVerifier.forKeys(shared::find);
        EncodedEvent stripped = SiteSignatureTest.withHeader(signed, SiteSignatures.HOST_HEADER, null);
        assertEquals(Reason.BAD_SIGNATURE, sharedVerifier.verify(stripped.headers(), stripped.key(), stripped.value()).reason());
        EncodedEvent asSite = new SiteSigner("site-a", H1.getPrivate()).sign(microVm("h1"));
        EncodedEvent added = SiteSignatureTest.withHeader(asSite, SiteSignatures.HOST_HEADER, "h1");
        assertEquals(Reason.BAD_SIGNATURE, sharedVerifier.verify(added.headers(), added.key(), added.value()).reason());
    }

    @Test
    void anotherHostsKeyOrAnUnenrolledHostIsRefused() {
        // Signed with h2's key while naming h1: h1's enrolled key does not verify it.
        Verdict forged = verify(new SiteSigner("site-a", "h1", H2.getPrivate()).sign(microVm("h1")));
        assertEquals(Reason.BAD_SIGNATURE, forged.reason(), forged.message());
        assertTrue(forged.message().contains("host h1 of site site-a"), forged.message());
        // The site's own key does not stand in for a host that has none.
        Verdict unknown = verify(new SiteSigner("site-a", "h3", SITE.getPrivate()).sign(microVm("h3")));
        assertEquals(Reason.UNKNOWN_HOST, unknown.reason(), unknown.message());
        assertEquals("h3", unknown.hostId());
        // A verifier of site keys only knows no host key.
        SiteSignatureVerifier siteOnly = new SiteSignatureVerifier(s -> Optional.of(SITE.getPublic()));
        EncodedEvent e = h1.sign(microVm("h1"));
        assertEquals(Reason.UNKNOWN_HOST, siteOnly.verify(e.headers(), e.key(), e.value()).reason());
    }

    @Test
    void aHostKeySpeaksOnlyForItsOwnHost() {
        for (EventPayload other : List.of(
                new MicroVmStateChanged("site-a", "h2", "c1-cp-1", "c1", MicroVmState.FAILED, "x", 3, AT),
                new MicroVmStateChanged("site-a", null, "c1-cp-1", "c1", MicroVmState.DELETED, null, 3, AT),
                new AgentHeartbeat("site-a", "0.1.0", AT, 5, null, "digest", "h2", null),
                new AgentHeartbeat("site-a", "0.1.0", AT, 5, null, "digest", null, null), // the whole site
                new HostStateChanged("site-a", "h2", HostState.DOWN, "forged", AT))) {
            Verdict v = verify(h1.sign(encode(other)));
            assertEquals(Reason.WRONG_HOST, v.reason(), other + ": " + v.message());
            assertEquals("h1", v.hostId());
            assertTrue(v.message().startsWith("report signed by host h1 of site site-a speaks for "), v.message());
        }
    }

    @Test
    void aHostHeaderThatIsNotAHostIdIsMalformed() {
        EncodedEvent signed = h1.sign(microVm("h1"));
        for (String bad : List.of("", "H1", "h1\nx", "-h1")) {
            assertEquals(Reason.MALFORMED, verify(SiteSignatureTest.withHeader(signed, SiteSignatures.HOST_HEADER, bad))
                    .reason(), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new SiteSigner("site-a", "Bad Host", H1.getPrivate()));
    }

    @Test
    void enrollingAHostRotatesThatHostsKeyOnly() {
        EncodedEvent byH2 = new SiteSigner("site-a", "h2", H2.getPrivate()).sign(microVm("h2"));
        EncodedEvent bySite = new SiteSigner("site-a", SITE.getPrivate()).sign(microVm("h2"));
        KeyPair newH1 = SiteKeys.generate();
        keys.enroll("site-a", "h1", SiteKeys.publicKeyPem(newH1.getPublic()));
        assertEquals(Reason.BAD_SIGNATURE, verify(h1.sign(microVm("h1"))).reason(), "h1's old key is refused");
        assertEquals(Reason.OK, verify(new SiteSigner("site-a", "h1", newH1.getPrivate()).sign(microVm("h1"))).reason());
        assertEquals(Reason.OK, verify(byH2).reason(), "h2's key untouched");
        assertEquals(Reason.OK, verify(bySite).reason(), "the site's key untouched");
        PublicKey siteKey = keys.find("site-a").orElseThrow();
        assertEquals(SITE.getPublic(), siteKey);
        keys.remove("site-a", "h1");
        assertEquals(Reason.UNKNOWN_HOST, verify(h1.sign(microVm("h1"))).reason());
        assertEquals(3 - 1, keys.size());
    }
}
