package io.edgefleet.agent.driver.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The iproute2 calls the tap steps make, recorded against a host whose links the test decides. */
class TapDevicesTest {
    /** Answers "ip -o link show dev X" from a table of links (name to the alias part of the line); records every call. */
    static final class RecordingIp implements HostCommand {
        final Map<String, String> links = new HashMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public Result run(List<String> argv) {
            String line = String.join(" ", argv);
            calls.add(line);
            if (line.contains(" link show dev ")) {
                String name = argv.get(argv.size() - 1);
                return links.containsKey(name) ? new Result(0, "7: " + name + ": <UP> mtu 1500" + links.get(name)) : new Result(1, "");
            }
            return new Result(0, "");
        }
    }

    final RecordingIp ip = new RecordingIp();
    final TapDevices taps = new TapDevices(ip, "ns1");

    @Test
    void aNewTapIsMadeLabelledAttachedToItsVlanAndBroughtUp() {
        ip.links.put("br-mgmt", "");
        taps.ensure(new TapDevices.Tap("ef0123456789abc", "br-mgmt", 120, 9000, "c1-cp-0", null));
        List<String> acts = ip.calls.stream().filter(c -> !c.contains(" show ")).toList();
        assertEquals(List.of(
                "ip -n ns1 tuntap add dev ef0123456789abc mode tap",
                "ip -n ns1 link set dev ef0123456789abc alias c1-cp-0",
                "ip -n ns1 link set dev ef0123456789abc mtu 9000",
                "ip -n ns1 link set dev ef0123456789abc master br-mgmt",
                "bridge -n ns1 vlan add dev ef0123456789abc vid 120 pvid untagged",
                "ip -n ns1 link set dev ef0123456789abc up"), acts);
    }

    @Test
    void anExistingTapOfTheSameMicroVmIsKeptAndAnotherVmsTapIsRefused() {
        ip.links.put("br-mgmt", "");
        ip.links.put("efmine", "\\    link/ether 02:ef:0a:00:00:07 \\    alias c1-cp-0");
        taps.ensure(new TapDevices.Tap("efmine", "br-mgmt", null, null, "c1-cp-0", null));
        assertTrue(ip.calls.stream().noneMatch(c -> c.contains("tuntap add")), "no second tap: " + ip.calls);
        HostSetupException e = assertThrows(HostSetupException.class,
                () -> taps.ensure(new TapDevices.Tap("efmine", "br-mgmt", null, null, "c2-cp-0", null)));
        assertEquals("tap efmine exists for microVM 'c1-cp-0', not c2-cp-0; refusing to share it", e.getMessage());
    }

    @Test
    void aMissingBridgeIsAnErrorThatSaysWhatToPrepare() {
        HostSetupException e = assertThrows(HostSetupException.class,
                () -> taps.ensure(new TapDevices.Tap("efx", "br-mgmt", null, null, "c1-cp-0", null)));
        assertTrue(e.getMessage().startsWith("bridge br-mgmt does not exist in network namespace ns1: create it"), e.getMessage());
    }

    @Test
    void removingIsIdempotent() {
        taps.remove("efgone");
        assertTrue(ip.calls.stream().noneMatch(c -> c.contains(" del ")));
        ip.links.put("efthere", "");
        taps.remove("efthere");
        assertTrue(ip.calls.contains("ip -n ns1 link del dev efthere"));
    }

    @Test
    void tapNamesFitLinuxAndAreStablePerMicroVmAndInterface() {
        String name = TapNames.of("a-very-long-microvm-id-that-is-far-beyond-fifteen-characters", "eth0");
        assertEquals(15, name.length());
        assertEquals(name, TapNames.of("a-very-long-microvm-id-that-is-far-beyond-fifteen-characters", "eth0"));
        assertTrue(!name.equals(TapNames.of("a-very-long-microvm-id-that-is-far-beyond-fifteen-characters", "eth1")));
    }
}
