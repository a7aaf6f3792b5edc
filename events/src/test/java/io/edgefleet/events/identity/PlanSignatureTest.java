package io.edgefleet.events.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.identity.PlanSignatureVerifier.Reason;
import io.edgefleet.events.identity.PlanSignatureVerifier.Verdict;
import io.edgefleet.events.plan.SitePlan;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Placement signs plans, agents trust a set of keys: only a trusted key's signature over these exact bytes passes. */
class PlanSignatureTest {
    static final KeyPair PLACEMENT = SiteKeys.generate();
    static final KeyPair NEXT = SiteKeys.generate();

    final PlanSigner signer = new PlanSigner(PLACEMENT.getPrivate());
    final PlanSignatureVerifier verifier = new PlanSignatureVerifier(List.of(PLACEMENT.getPublic()));

    static SitePlan plan(String siteId, long version) {
        return new SitePlan(siteId, version, Instant.parse("2026-01-01T00:00:00Z"), List.of(), List.of(), List.of());
    }

    static EncodedEvent encoded(SitePlan plan) {
        return CloudEventCodec.encode(CloudEvent.of("/placement", plan));
    }

    static Verdict verify(PlanSignatureVerifier v, EncodedEvent e, long version) {
        return v.verify(e.headers(), e.key(), e.value(), version);
    }

    static EncodedEvent withHeader(EncodedEvent e, String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(e.headers());
        h.put(name, value);
        return new EncodedEvent(e.topic(), e.key(), h, e.value());
    }

    @Test
    void aPlanSignedByPlacementVerifiesAndNamesItsKey() {
        EncodedEvent signed = signer.sign(encoded(plan("site-a", 7)), 7);
        String jws = signed.headers().get(PlanSignatures.HEADER);
        assertTrue(jws.matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+"), "compact JWS, detached payload: " + jws);
        Verdict v = verify(verifier, signed, 7);
        assertEquals(Reason.OK, v.reason(), v.message());
        assertEquals(PlanSignatures.keyId(PLACEMENT.getPublic()), v.keyId());
        assertEquals(signer.keyId(), v.keyId());
    }

    @Test
    void anUnsignedPlanIsUnsigned() {
        assertEquals(Reason.UNSIGNED, verify(verifier, encoded(plan("site-a", 7)), 7).reason());
    }

    @Test
    void aPlanSignedWithAnotherKeyUnderTheTrustedKeysIdIsABadSignature() {
        EncodedEvent forged = new PlanSigner(SiteKeys.generate().getPrivate()).sign(encoded(plan("site-a", 7)), 7);
        String[] parts = forged.headers().get(PlanSignatures.HEADER).split("\\.", -1);
        String claimsTrustedKey = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"alg\":\"EdDSA\",\"kid\":\""
                + signer.keyId() + "\"}").getBytes(StandardCharsets.UTF_8));
        Verdict v = verify(verifier, withHeader(forged, PlanSignatures.HEADER, claimsTrustedKey + ".." + parts[2]), 7);
        assertEquals(Reason.BAD_SIGNATURE, v.reason(), v.message());
    }

    @Test
    void aPlanSignedWithAKeyNobodyTrustsIsAnUnknownKey() {
        PlanSigner stranger = new PlanSigner(SiteKeys.generate().getPrivate());
        Verdict v = verify(verifier, stranger.sign(encoded(plan("site-a", 7)), 7), 7);
        assertEquals(Reason.UNKNOWN_KEY, v.reason(), v.message());
        assertEquals(stranger.keyId(), v.keyId());
    }

    @Test
    void changingAnyCoveredByteBreaksTheSignature() {
        EncodedEvent signed = signer.sign(encoded(plan("site-a", 7)), 7);
        byte[] altered = new String(signed.value(), StandardCharsets.UTF_8).replace("site-a", "site-b")
                .getBytes(StandardCharsets.UTF_8);
        assertNotEquals(new String(signed.value(), StandardCharsets.UTF_8), new String(altered, StandardCharsets.UTF_8));
        assertEquals(Reason.BAD_SIGNATURE, verifier.verify(signed.headers(), "site-a", altered, 7).reason());
        assertEquals(Reason.BAD_SIGNATURE, verifier.verify(signed.headers(), "site-b", signed.value(), 7).reason(),
                "another site's record key");
        assertEquals(Reason.BAD_SIGNATURE, verify(verifier, signed, 8).reason(), "another version");
        for (String header : List.of(CloudEventHeaders.ID, CloudEventHeaders.TYPE, CloudEventHeaders.SUBJECT)) {
            Verdict v = verify(verifier, withHeader(signed, header, signed.headers().get(header) + "x"), 7);
            assertEquals(Reason.BAD_SIGNATURE, v.reason(), header);
        }
        // Attributes the canonical form leaves out do not matter (the source, the time).
        assertEquals(Reason.OK, verify(verifier, withHeader(signed, CloudEventHeaders.SOURCE, "/elsewhere"), 7).reason());
    }

    @Test
    void unreadableSignaturesAreBadSignaturesNeverExceptions() {
        EncodedEvent signed = signer.sign(encoded(plan("site-a", 7)), 7);
        for (String garbage : List.of("not-a-jws", "e30..AAAA", "!!!..!!!", "a.b.c", "eyJhbGciOiJub25lIn0..AAAA")) {
            Verdict v = verify(verifier, withHeader(signed, PlanSignatures.HEADER, garbage), 7);
            assertEquals(Reason.BAD_SIGNATURE, v.reason(), garbage);
        }
        assertEquals(Reason.UNKNOWN_KEY, verify(verifier, withHeader(signed, PlanSignatures.HEADER,
                Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"EdDSA\"}".getBytes(StandardCharsets.UTF_8))
                        + "..AAAA"), 7).reason(), "no kid");
    }

    @Test
    void duringARotationBothKeysAreTrustedAndEachPlanNamesItsOwn() {
        PlanSignatureVerifier both = new PlanSignatureVerifier(List.of(PLACEMENT.getPublic(), NEXT.getPublic()));
        assertEquals(List.of(PlanSignatures.keyId(PLACEMENT.getPublic()), PlanSignatures.keyId(NEXT.getPublic())),
                both.keyIds());
        assertEquals(Reason.OK, verify(both, signer.sign(encoded(plan("site-a", 7)), 7), 7).reason());
        assertEquals(Reason.OK, verify(both, new PlanSigner(NEXT.getPrivate()).sign(encoded(plan("site-a", 8)), 8), 8).reason());
        PlanSignatureVerifier onlyNext = new PlanSignatureVerifier(List.of(NEXT.getPublic()));
        assertEquals(Reason.UNKNOWN_KEY, verify(onlyNext, signer.sign(encoded(plan("site-a", 9)), 9), 9).reason(),
                "once the old key is dropped, its signatures are refused");
    }

    /** RFC 8037, appendix A.1-A.3: the example key's public half and its JWK thumbprint. */
    @Test
    void keyIdsAreJwkThumbprintsAsRfc8037ComputesThem() throws Exception {
        byte[] d = Base64.getUrlDecoder().decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A");
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420" + HexFormat.of().formatHex(d));
        PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        PublicKey pub = PlanSignatures.publicKeyOf(key);
        byte[] spki = pub.getEncoded();
        assertEquals("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length)));
        assertEquals("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", PlanSignatures.keyId(pub));
        assertEquals(PlanSignatures.keyId(pub), new PlanSigner(key).keyId());
    }

    @Test
    void keysThatAreNotEd25519AreRefusedWithAClearError() throws Exception {
        PublicKey rsa = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
        assertThrows(IllegalArgumentException.class, () -> PlanSignatures.keyId(rsa));
        assertThrows(IllegalArgumentException.class, () -> new PlanSignatureVerifier(List.of(rsa)));
    }
}
