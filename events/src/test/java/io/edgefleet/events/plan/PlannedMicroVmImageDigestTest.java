package io.edgefleet.events.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.validation.EventValidator;
import io.edgefleet.events.validation.Validated;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * ADR 0034: a planned microVM may name its node image by digest. Plans written before it (no
 * {@code imageDigest}) still decode, and Java producers that call the older constructors still compile.
 */
class PlannedMicroVmImageDigestTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private static String plan(String microVmExtra) {
        return """
                {"siteId": "edge-par-01", "version": 3, "generatedAt": "2026-12-02T10:00:00Z",
                 "microVms": [{"microVmId": "c1-cp-0", "clusterId": "c1", "role": "CONTROL_PLANE", "hostId": "h1",
                               "vcpu": 2, "memoryMib": 4096, "diskGib": 20, "kubernetesVersion": "1.31"%s}],
                 "clusters": [], "networkFunctions": []}
                """.formatted(microVmExtra);
    }

    private static Validated<EventPayload> read(String json) {
        return EventValidator.validate(EventType.SITE_PLAN, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPlanFromBeforeImageDigestsDecodesWithoutOne() {
        Validated<EventPayload> read = read(plan(""));

        assertTrue(read.isValid(), () -> read.violations().toString());
        PlannedMicroVm vm = ((SitePlan) read.orElseThrow()).microVms().get(0);
        assertNull(vm.imageDigest());
        assertEquals(new PlannedMicroVm("c1-cp-0", "c1", MicroVmRole.CONTROL_PLANE, "h1", 2, 4096, 20, "1.31"), vm,
                "the constructor producers before ADR 0034 call");
    }

    @Test
    void aPlanNamingADigestCarriesIt() {
        Validated<EventPayload> read = read(plan(", \"imageDigest\": \"" + DIGEST + "\""));

        assertTrue(read.isValid(), () -> read.violations().toString());
        assertEquals(DIGEST, ((SitePlan) read.orElseThrow()).microVms().get(0).imageDigest());
    }

    @Test
    void aDigestThatIsNotSha256HexIsRefusedAtItsPath() {
        Validated<EventPayload> read = read(plan(", \"imageDigest\": \"sha256:ABC\""));

        assertFalse(read.isValid());
        assertEquals("$.microVms[0].imageDigest", read.violations().get(0).path());
    }

    @Test
    void theOlderConstructorsAndTheWitherKeepEveryOtherComponent() {
        PlannedMicroVm addressed = new PlannedMicroVm("c1-cp-0", "c1", MicroVmRole.CONTROL_PLANE, "h1", 2, 4096, 20,
                "1.31", "10.42.0.17", "02:ef:0a:2a:00:11");
        PlannedMicroVm pinned = addressed.withImageDigest(DIGEST);

        assertNull(addressed.imageDigest());
        assertEquals(DIGEST, pinned.imageDigest());
        assertEquals(addressed, pinned.withImageDigest(null));
        assertEquals("10.42.0.17", pinned.ipAddress());
    }
}
