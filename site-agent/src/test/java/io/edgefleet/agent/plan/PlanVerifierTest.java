package io.edgefleet.agent.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.identity.PlanSignatures;
import io.edgefleet.events.identity.PlanSigner;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.plan.SitePlan;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent applies only plans placement signed, and only newer ones; each refusal is counted by reason. */
class PlanVerifierTest {
    static final KeyPair PLACEMENT = SiteKeys.generate();
    static final KeyPair NEXT = SiteKeys.generate();

    @TempDir
    Path dir;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final PlanSigner placement = new PlanSigner(PLACEMENT.getPrivate());

    static SitePlan plan(long version) {
        return new SitePlan("site-a", version, Instant.parse("2026-01-01T00:00:00Z"), List.of(), List.of(), List.of());
    }

    static EncodedEvent unsigned(SitePlan plan) {
        return CloudEventCodec.encode(CloudEvent.of("/placement", plan));
    }

    EncodedEvent signed(SitePlan plan) {
        return placement.sign(unsigned(plan), plan.version());
    }

    PlanVerifier verifier(KeyPair... trusted) throws Exception {
        List<String> files = new java.util.ArrayList<>();
        for (KeyPair k : trusted) {
            Path f = Files.createTempFile(dir, "placement", ".pub");
            Files.writeString(f, SiteKeys.publicKeyPem(k.getPublic()));
            files.add(f.toString());
        }
        return PlanVerifier.of(Optional.of(files), meters);
    }

    static boolean admit(PlanVerifier v, EncodedEvent e, SitePlan plan, long applied) {
        return v.admit(e.headers(), e.key(), e.value(), plan, applied, "test");
    }

    double refused(String reason) {
        return meters.get(PlanVerifier.REFUSED).tag("reason", reason).counter().count();
    }

    @Test
    void aPlanSignedByPlacementAndNewerThanTheAppliedOneIsApplied() throws Exception {
        PlanVerifier v = verifier(PLACEMENT);
        assertTrue(v.verifying());
        assertTrue(admit(v, signed(plan(1)), plan(1), -1));
        assertTrue(admit(v, signed(plan(5)), plan(5), 1));
        for (String reason : List.of("unsigned", "bad_signature", "unknown_key", "replayed", "older")) {
            assertEquals(0, refused(reason), reason + " is registered at zero");
        }
    }

    @Test
    void anUnsignedPlanIsRefusedWhenKeysAreConfigured() throws Exception {
        PlanVerifier v = verifier(PLACEMENT);
        assertFalse(admit(v, unsigned(plan(3)), plan(3), 2));
        assertEquals(1, refused("unsigned"));
    }

    @Test
    void aPlanSignedWithAnotherKeyIsAnUnknownKeyAndOneClaimingPlacementsKeyABadSignature() throws Exception {
        PlanVerifier v = verifier(PLACEMENT);
        EncodedEvent foreign = new PlanSigner(SiteKeys.generate().getPrivate()).sign(unsigned(plan(3)), 3);
        assertFalse(admit(v, foreign, plan(3), 2));
        assertEquals(1, refused("unknown_key"));

        String[] parts = foreign.headers().get(PlanSignatures.HEADER).split("\\.", -1);
        String claimsPlacement = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"alg\":\"EdDSA\",\"kid\":\""
                + placement.keyId() + "\"}").getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>(foreign.headers());
        headers.put(PlanSignatures.HEADER, claimsPlacement + ".." + parts[2]);
        assertFalse(v.admit(headers, foreign.key(), foreign.value(), plan(3), 2, "test"));
        assertEquals(1, refused("bad_signature"));
    }

    @Test
    void aSignedPlanWhoseBytesWereAlteredIsABadSignature() throws Exception {
        PlanVerifier v = verifier(PLACEMENT);
        EncodedEvent good = signed(plan(3));
        byte[] altered = new String(good.value(), StandardCharsets.UTF_8).replace("\"version\":3", "\"version\":30")
                .getBytes(StandardCharsets.UTF_8);
        assertFalse(v.admit(good.headers(), good.key(), altered, plan(30), 2, "test"));
        assertFalse(v.admit(good.headers(), good.key(), good.value(), plan(30), 2, "test"), "another version");
        assertEquals(2, refused("bad_signature"));
    }

    @Test
    void theAppliedVersionAgainIsReplayedAndALowerOneOlderEvenWhenGenuinelySigned() throws Exception {
        PlanVerifier v = verifier(PLACEMENT);
        assertFalse(admit(v, signed(plan(7)), plan(7), 7));
        assertEquals(1, refused("replayed"));
        assertFalse(admit(v, signed(plan(6)), plan(6), 7));
        assertEquals(1, refused("older"));
        assertTrue(admit(v, signed(plan(8)), plan(8), 7));
    }

    @Test
    void duringARotationPlansSignedWithEitherKeyAreApplied() throws Exception {
        PlanVerifier v = verifier(PLACEMENT, NEXT);
        assertTrue(admit(v, signed(plan(1)), plan(1), -1));
        assertTrue(admit(v, new PlanSigner(NEXT.getPrivate()).sign(unsigned(plan(2)), 2), plan(2), 1));
        PlanVerifier afterwards = verifier(NEXT);
        assertFalse(admit(afterwards, signed(plan(3)), plan(3), 2), "the old key once it is no longer listed");
        assertEquals(1, refused("unknown_key"));
    }

    @Test
    void withoutKeysEveryNewerPlanIsAppliedButOlderOnesAreStillRefused() {
        PlanVerifier v = PlanVerifier.of(Optional.empty(), meters);
        assertFalse(v.verifying());
        assertTrue(admit(v, unsigned(plan(4)), plan(4), 3));
        assertFalse(admit(v, unsigned(plan(3)), plan(3), 4));
        assertEquals(1, refused("older"));
        assertEquals(0, refused("unsigned"));
        assertFalse(PlanVerifier.of(Optional.of(List.of(" ")), meters).verifying(), "a blank entry names no key");
    }

    @Test
    void aKeyFileThatIsMissingOrHoldsNoKeyStopsTheStartNamingTheFile() throws Exception {
        Path missing = dir.resolve("missing.pub");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlanVerifier.of(Optional.of(List.of(missing.toString())), meters));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        Path garbage = dir.resolve("garbage.pub");
        Files.writeString(garbage, "not a key");
        e = assertThrows(IllegalArgumentException.class, () -> PlanVerifier.of(Optional.of(List.of(garbage.toString())), meters));
        assertEquals("plan-signing public key file " + garbage + " holds no Ed25519 public key in PEM", e.getMessage());
    }
}
