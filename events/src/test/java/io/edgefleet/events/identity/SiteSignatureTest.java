package io.edgefleet.events.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.identity.SiteSignatureVerifier.Reason;
import io.edgefleet.events.identity.SiteSignatureVerifier.Verdict;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.MicroVmState;
import io.edgefleet.events.report.MicroVmStateChanged;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signing on the agent side, verifying on the placement side: only a site's own key speaks for it. */
class SiteSignatureTest {
    static final KeyPair SITE_A = SiteKeys.generate();
    static final KeyPair SITE_B = SiteKeys.generate();
    static final Map<String, PublicKey> ENROLLED = Map.of("site-a", SITE_A.getPublic(), "site-b", SITE_B.getPublic());

    final SiteSignatureVerifier verifier = new SiteSignatureVerifier(site -> Optional.ofNullable(ENROLLED.get(site)));
    final SiteSigner signerA = new SiteSigner("site-a", SITE_A.getPrivate());

    static EncodedEvent report(String siteId) {
        return CloudEventCodec.encode(CloudEvent.of("/site-agent/" + siteId, new MicroVmStateChanged(siteId, "h1",
                "c1-cp-0", "c1", MicroVmState.RUNNING, null, 3, Instant.parse("2026-01-01T00:00:00Z"))));
    }

    Verdict verify(EncodedEvent e) {
        return verifier.verify(e.headers(), e.key(), e.value());
    }

    static EncodedEvent withHeader(EncodedEvent e, String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(e.headers());
        if (value == null) {
            h.remove(name);
        } else {
            h.put(name, value);
        }
        return new EncodedEvent(e.topic(), e.key(), h, e.value());
    }

    @Test
    void aReportSignedByItsSiteVerifies() {
        EncodedEvent signed = signerA.sign(report("site-a"));
        String jws = signed.headers().get(SiteSignatures.HEADER);
        assertTrue(jws.matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+"), "compact JWS, detached payload: " + jws);
        Verdict v = verify(signed);
        assertEquals(Reason.OK, v.reason(), v.message());
        assertEquals("site-a", v.siteId());
    }

    @Test
    void everyReportTypeVerifies() {
        EncodedEvent hb = signerA.sign(CloudEventCodec.encode(CloudEvent.of("/site-agent/site-a",
                new AgentHeartbeat("site-a", "0.1.0", Instant.now(), 5, List.of()))));
        assertEquals(Reason.OK, verify(hb).reason());
    }

    @Test
    void aMissingSignatureIsRefused() {
        assertEquals(Reason.MISSING, verify(report("site-a")).reason());
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        SiteSigner impostor = new SiteSigner("site-a", SiteKeys.generate().getPrivate());
        assertEquals(Reason.BAD_SIGNATURE, verify(impostor.sign(report("site-a"))).reason());
    }

    @Test
    void oneSiteCannotSpeakForAnother() {
        // Site B's agent is compromised: it signs a report about site A with its own key.
        SiteSigner siteB = new SiteSigner("site-b", SITE_B.getPrivate());
        Verdict asItself = verify(siteB.sign(report("site-a")));
        assertEquals(Reason.WRONG_SITE, asItself.reason(), asItself.message());
        assertEquals("site-a", asItself.siteId());

        // It claims to be site A in the JWS header too: its key is not A's.
        SiteSigner claimsA = new SiteSigner("site-a", SITE_B.getPrivate());
        assertEquals(Reason.BAD_SIGNATURE, verify(claimsA.sign(report("site-a"))).reason());

        // It puts site A in the data but keeps its own record key.
        EncodedEvent a = report("site-a");
        EncodedEvent keyedB = siteB.sign(new EncodedEvent(a.topic(), "site-b", a.headers(), a.value()));
        assertEquals(Reason.WRONG_SITE, verify(keyedB).reason());
    }

    @Test
    void tamperedDataOrAttributesAreRefused() {
        EncodedEvent signed = signerA.sign(report("site-a"));
        byte[] altered = new String(signed.value(), StandardCharsets.UTF_8).replace("RUNNING", "FAILED")
                .getBytes(StandardCharsets.UTF_8);
        assertNotEquals(new String(signed.value(), StandardCharsets.UTF_8), new String(altered, StandardCharsets.UTF_8));
        assertEquals(Reason.BAD_SIGNATURE, verifier.verify(signed.headers(), signed.key(), altered).reason());
        for (String header : List.of(CloudEventHeaders.ID, CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE,
                CloudEventHeaders.SUBJECT)) {
            Verdict v = verify(withHeader(signed, header, signed.headers().get(header) + "x"));
            assertEquals(Reason.BAD_SIGNATURE, v.reason(), header);
        }
    }

    @Test
    void anUnenrolledSiteAndMalformedSignaturesAreRefused() {
        SiteSigner siteC = new SiteSigner("site-c", SiteKeys.generate().getPrivate());
        assertEquals(Reason.UNKNOWN_SITE, verify(siteC.sign(report("site-c"))).reason());
        EncodedEvent signed = signerA.sign(report("site-a"));
        assertEquals(Reason.MALFORMED, verify(withHeader(signed, SiteSignatures.HEADER, "not-a-jws")).reason());
        assertEquals(Reason.MALFORMED, verify(withHeader(signed, SiteSignatures.HEADER, "e30..AAAA")).reason(),
                "header {} names no algorithm");
        String jws = signed.headers().get(SiteSignatures.HEADER);
        assertEquals(Reason.BAD_SIGNATURE, verify(withHeader(signed, SiteSignatures.HEADER,
                jws.substring(0, jws.length() - 4) + "AAAA")).reason());
        assertEquals(Reason.MALFORMED, verifier.verify(signed.headers(), "site-a",
                "{}".getBytes(StandardCharsets.UTF_8)).reason(), "data without siteId");
    }

    @Test
    void enrolmentDecidesWhichKeySpeaksForASite() {
        EnrolledSiteKeys keys = new EnrolledSiteKeys();
        SiteSignatureVerifier v = new SiteSignatureVerifier(keys::find);
        EncodedEvent signed = signerA.sign(report("site-a"));
        assertEquals(Reason.UNKNOWN_SITE, v.verify(signed.headers(), signed.key(), signed.value()).reason());

        keys.enroll("site-a", SiteKeys.publicKeyPem(SITE_A.getPublic()));
        assertEquals(Reason.OK, v.verify(signed.headers(), signed.key(), signed.value()).reason());

        keys.enroll("site-a", SiteKeys.publicKeyPem(SiteKeys.generate().getPublic())); // rotated
        assertEquals(Reason.BAD_SIGNATURE, v.verify(signed.headers(), signed.key(), signed.value()).reason());
        keys.remove("site-a");
        assertEquals(Reason.UNKNOWN_SITE, v.verify(signed.headers(), signed.key(), signed.value()).reason());
        assertThrows(IllegalArgumentException.class, () -> keys.enroll("site-b", "not a key"));
    }

    @Test
    void keysRoundTripThroughTheirTextForms() {
        KeyPair pair = SiteKeys.generate();
        String publicPem = SiteKeys.publicKeyPem(pair.getPublic());
        assertTrue(publicPem.startsWith("-----BEGIN PUBLIC KEY-----\n"), publicPem);
        assertEquals(pair.getPublic(), SiteKeys.parsePublicKey(publicPem));
        assertEquals(pair.getPublic(), SiteKeys.parsePublicKey(publicPem.replaceAll("-----[A-Z ]+-----|\\s", "")),
                "the bare base64 body is accepted too");
        SiteSigner signer = new SiteSigner("site-x", SiteKeys.parsePrivateKey(SiteKeys.privateKeyPem(pair.getPrivate())));
        SiteSignatureVerifier x = new SiteSignatureVerifier(s -> Optional.of(SiteKeys.parsePublicKey(publicPem)));
        EncodedEvent e = signer.sign(report("site-x"));
        assertEquals(Reason.OK, x.verify(e.headers(), e.key(), e.value()).reason());
        assertThrows(IllegalArgumentException.class, () -> SiteKeys.parsePublicKey("garbage"));
        assertThrows(IllegalArgumentException.class, () -> new SiteSigner("bad id", pair.getPrivate()));
    }
}
