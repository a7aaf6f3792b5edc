package io.edgefleet.agent.driver.simulated;

import static io.edgefleet.agent.driver.MicroVmState.CREATING;
import static io.edgefleet.agent.driver.MicroVmState.RUNNING;
import static io.edgefleet.agent.driver.MicroVmState.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent restart (a new driver on the same state file) must kill nothing and duplicate nothing. */
class SimulatedDriverRestartTest {

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    SimulatedDriver start(boolean awaitBoot) {
        return new SimulatedDriver(TestSites.small(),
                SimulatedDriverConfig.defaults().withAwaitBoot(awaitBoot).withStateFile(dir.resolve("sim/state.json")), clock);
    }

    @Test
    void aRestartedDriverFindsEveryMicroVmAsItWas() {
        SimulatedDriver before = start(true);
        before.create(MicroVmSpec.of("cp-0", "c1", "h1", 2, 1024, 10));
        before.create(MicroVmSpec.of("cp-1", "c1", "h2", 2, 1024, 10));
        before.stop("cp-1");
        List<MicroVmStatus> measuredBefore = before.list();

        SimulatedDriver after = start(true);
        assertEquals(measuredBefore, after.list());
        assertEquals(measuredBefore.get(0), after.create(MicroVmSpec.of("cp-0", "c1", "h1", 2, 1024, 10)),
                "re-applying the plan after a restart is a no-op");
        assertEquals(2, after.list().size());
        assertEquals(STOPPED, after.status("cp-1").orElseThrow().state());
    }

    @Test
    void aBootInProgressContinuesAcrossARestart() {
        start(false).create(MicroVmSpec.of("cp-0", "c1", "h1", 2, 1024, 10));
        SimulatedDriver after = start(false);
        assertEquals(CREATING, after.status("cp-0").orElseThrow().state());
        clock.advance(125);
        assertEquals(RUNNING, after.status("cp-0").orElseThrow().state());
    }

    @Test
    void capacityStaysAccountedAfterARestart() {
        start(true).create(MicroVmSpec.of("big", "c1", "h1", 8, 1024, 10));
        assertTrue(start(true).create(MicroVmSpec.of("more", "c1", "h1", 1, 256, 1)).reason().startsWith("does not fit host h1"));
    }

    @Test
    void refusesToStartOnACorruptStateFileInsteadOfForgettingItsMicroVms() throws IOException {
        Files.createDirectories(dir.resolve("sim"));
        Files.writeString(dir.resolve("sim/state.json"), "{ not json");
        var e = assertThrows(UncheckedIOException.class, () -> start(true));
        assertTrue(e.getMessage().contains("cannot read simulated driver state"), e.getMessage());
    }
}
