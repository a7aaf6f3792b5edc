package io.edgefleet.agent.driver.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Taps in the agent's own network namespace, made with the real iproute2 and measured through sysfs (the
 * production path: no netns). The test's bridge and taps carry this JVM's pid and are removed after it.
 */
class TapDevicesOnThisHostTest {
    final HostCommand ip = new ProcessHostCommand(Duration.ofSeconds(10));
    final String bridge = "efbt" + ProcessHandle.current().pid() % 100_000;
    final TapDevices taps = new TapDevices(ip, null);

    @BeforeEach
    void makeBridge() {
        ip.require("make test bridge", List.of("ip", "link", "add", bridge, "type", "bridge"));
    }

    @AfterEach
    void removeBridge() {
        ip.run(List.of("ip", "link", "del", bridge));
    }

    @Test
    void aTapIsMadeOnTheBridgeLabelledAndRemoved() {
        String tap = TapNames.of("vm-" + bridge, "eth0");
        try {
            taps.ensure(new TapDevices.Tap(tap, bridge, null, 1400, "vm-" + bridge, null));
            Path sys = Path.of("/sys/class/net", tap);
            assertTrue(Files.isDirectory(sys), "tap exists");
            assertEquals(bridge, Path.of("/sys/class/net", tap, "master").toRealPath().getFileName().toString());
            assertTrue(ip.run(List.of("ip", "-o", "link", "show", "dev", tap)).output().contains("alias vm-" + bridge));
            assertTrue(ip.run(List.of("ip", "-o", "link", "show", "dev", tap)).output().contains("mtu 1400"));

            taps.ensure(new TapDevices.Tap(tap, bridge, null, 1400, "vm-" + bridge, null)); // again: nothing to make
            HostSetupException other = assertThrows(HostSetupException.class,
                    () -> taps.ensure(new TapDevices.Tap(tap, bridge, null, null, "someone-else", null)));
            assertTrue(other.getMessage().contains("exists for microVM 'vm-" + bridge + "'"), other.getMessage());

            taps.remove(tap);
            assertFalse(Files.exists(sys), "tap removed");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } finally {
            taps.remove(tap);
        }
    }

    @Test
    void aMissingBridgeIsRefusedBeforeAnythingIsMade() {
        String tap = TapNames.of("vm-nobridge-" + bridge, "eth0");
        HostSetupException e = assertThrows(HostSetupException.class,
                () -> taps.ensure(new TapDevices.Tap(tap, bridge + "x", null, null, "vm-x", null)));
        assertTrue(e.getMessage().startsWith("bridge " + bridge + "x does not exist:"), e.getMessage());
        assertFalse(Files.exists(Path.of("/sys/class/net", tap)));
    }
}
