package io.edgefleet.events.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.identity.SiteSignatureVerifier.Reason;
import io.edgefleet.events.report.AgentHeartbeat;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every signed report names when it was signed and a sequence number, both covered by the signature. */
class ReportFreshnessClaimsTest {
    static final KeyPair KEY = SiteKeys.generate();
    final SiteSignatureVerifier verifier = new SiteSignatureVerifier(s -> Optional.of(KEY.getPublic()));
    final SiteSigner signer = new SiteSigner("site-a", KEY.getPrivate());

    static EncodedEvent heartbeat() {
        return CloudEventCodec.encode(CloudEvent.of("/site-agent/site-a",
                new AgentHeartbeat("site-a", "test", Instant.now(), 5, List.of())));
    }

    @Test
    void aSignedReportCarriesNowAndANewerSequenceEachTime() {
        long before = Instant.now().getEpochSecond();
        EncodedEvent first = signer.sign(heartbeat());
        EncodedEvent second = signer.sign(heartbeat());
        FreshnessClaims a = FreshnessClaims.of(first.headers()).orElseThrow();
        FreshnessClaims b = FreshnessClaims.of(second.headers()).orElseThrow();
        assertTrue(a.issuedAt() >= before && a.issuedAt() <= Instant.now().getEpochSecond(), a.toString());
        assertTrue(b.sequence() > a.sequence(), a + " then " + b);
        assertTrue(a.sequence() >= before * 1_000_000L, "a sequence starts from the time in microseconds: " + a);
        assertEquals(Reason.OK, verifier.verify(first.headers(), first.key(), first.value()).reason());
    }

    @Test
    void theSequenceNeverGoesBackEvenWhenTheClockDoes() {
        long now = ReportSequence.next();
        long later = ReportSequence.next(now + 1_000_000);
        long afterAStepBack = ReportSequence.next(now - 60_000_000L);
        assertEquals(now + 1_000_000, later, "follows the clock while it moves forward");
        assertEquals(later + 1, afterAStepBack, "one more than the last when the clock stepped back");
        assertTrue(ReportSequence.next() > afterAStepBack);
    }

    @Test
    void claimsCannotBeChangedWithoutBreakingTheSignature() {
        EncodedEvent signed = signer.sign(heartbeat(), new FreshnessClaims(1_700_000_000L, 42));
        assertEquals(new FreshnessClaims(1_700_000_000L, 42), FreshnessClaims.of(signed.headers()).orElseThrow());
        String jws = signed.headers().get(SiteSignatures.HEADER);
        String header = new String(Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.'))), StandardCharsets.UTF_8);
        String newer = header.replace("\"seq\":42", "\"seq\":4200000000000000");
        Map<String, String> replayed = new LinkedHashMap<>(signed.headers());
        replayed.put(SiteSignatures.HEADER, Base64.getUrlEncoder().withoutPadding()
                .encodeToString(newer.getBytes(StandardCharsets.UTF_8)) + jws.substring(jws.indexOf('.')));
        assertEquals(4_200_000_000_000_000L, FreshnessClaims.of(replayed).orElseThrow().sequence());
        assertEquals(Reason.BAD_SIGNATURE, verifier.verify(replayed, signed.key(), signed.value()).reason());
        assertEquals(Reason.OK, verifier.verify(signed.headers(), signed.key(), signed.value()).reason());
    }

    @Test
    void aReportWithoutClaimsHasNoneAndStillVerifies() {
        // As an agent from before ADR 0027 signs: the protected header names only alg and kid.
        EncodedEvent event = heartbeat();
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"EdDSA\",\"kid\":\"site-a\"}".getBytes(StandardCharsets.UTF_8));
        byte[] content = SignedContent.of(event.headers().get("ce_id"), event.headers().get("ce_type"),
                event.headers().get("ce_source"), event.headers().get("ce_subject"), event.key(), event.value());
        String input = header + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(content);
        String jws;
        try {
            jws = header + ".." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    new Ed25519Signing(KEY.getPrivate()).sign(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        Map<String, String> headers = new LinkedHashMap<>(event.headers());
        headers.put(SiteSignatures.HEADER, jws);
        assertEquals(Reason.OK, verifier.verify(headers, event.key(), event.value()).reason());
        assertEquals(Optional.empty(), FreshnessClaims.of(headers));
    }

    @Test
    void unreadableClaimsAreNoClaimsNeverExceptions() {
        for (String header : List.of("{\"alg\":\"EdDSA\",\"iat\":\"soon\",\"seq\":1}", "{\"iat\":1.5,\"seq\":1}",
                "{\"iat\":1,\"seq\":99999999999999999999999}", "[]", "null")) {
            String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8));
            assertEquals(Optional.empty(), FreshnessClaims.of(Map.of(SiteSignatures.HEADER, b64 + "..AAAA")), header);
        }
        assertEquals(Optional.empty(), FreshnessClaims.of(Map.of(SiteSignatures.HEADER, "%%%..AAAA")));
        assertEquals(Optional.empty(), FreshnessClaims.of(Map.of()));
        assertEquals(Optional.empty(), FreshnessClaims.of(null));
    }
}
