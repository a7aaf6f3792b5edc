package io.edgefleet.agent.driver.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatedDriverConfigTest {

    @Test
    void absentKeysTakeFirecrackerLikeDefaults() {
        SimulatedDriverConfig c = SimulatedDriverConfig.fromProperties(Map.of());
        assertEquals(Duration.ofMillis(125), c.bootTime());
        assertTrue(c.awaitBoot());
        assertTrue(c.failingHosts().isEmpty());
        assertNull(c.stateFile());
    }

    @Test
    void readsEveryKey() {
        SimulatedDriverConfig c = SimulatedDriverConfig.fromProperties(Map.of(
                SimulatedDriverConfig.BOOT_MILLIS, "200",
                SimulatedDriverConfig.BOOT_PENALTY_MILLIS, "10",
                SimulatedDriverConfig.STOP_MILLIS, "5",
                SimulatedDriverConfig.AWAIT_BOOT, "false",
                SimulatedDriverConfig.FAILING_HOSTS, " h1, h3 ,",
                SimulatedDriverConfig.BOOT_FAILURE_PROBABILITY, "0.25",
                SimulatedDriverConfig.HOST_BOOT_FAILURE_PROBABILITY, "h2=0.5, h4=1",
                SimulatedDriverConfig.SEED, "42",
                SimulatedDriverConfig.STATE_FILE, "/var/lib/x/state.json"));
        assertEquals(Duration.ofMillis(200), c.bootTime());
        assertEquals(Duration.ofMillis(10), c.bootPenaltyPerConcurrent());
        assertEquals(Duration.ofMillis(5), c.stopTime());
        assertFalse(c.awaitBoot());
        assertEquals(Set.of("h1", "h3"), c.failingHosts());
        assertEquals(0.25, c.bootFailureProbability());
        assertEquals(Map.of("h2", 0.5, "h4", 1.0), c.hostBootFailureProbability());
        assertEquals(42L, c.seed());
        assertEquals(Path.of("/var/lib/x/state.json"), c.stateFile());
        assertTrue(c.bootFails("h4", "any", 1));
        assertTrue(c.bootFails("h1", "any", 1));
    }

    @Test
    void badValuesNameTheirKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> SimulatedDriverConfig.fromProperties(
                Map.of(SimulatedDriverConfig.BOOT_FAILURE_PROBABILITY, "often")));
        assertTrue(e.getMessage().startsWith(SimulatedDriverConfig.BOOT_FAILURE_PROBABILITY), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimulatedDriverConfig.fromProperties(
                Map.of(SimulatedDriverConfig.BOOT_FAILURE_PROBABILITY, "1.5")));
        assertThrows(IllegalArgumentException.class, () -> SimulatedDriverConfig.fromProperties(
                Map.of(SimulatedDriverConfig.HOST_BOOT_FAILURE_PROBABILITY, "h1")));
    }
}
