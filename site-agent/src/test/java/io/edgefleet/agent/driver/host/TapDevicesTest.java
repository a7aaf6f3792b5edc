package io.edgefleet.agent.driver.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The iproute2 calls the tap steps make, recorded against a host whose links the test decides. */
class TapDevicesTest {
    /**
     * Answers "ip -o link show [dev X]" from a table of links (name to the rest of its line, as iproute2
     * prints it); records every call with its stdin.
     */
    static final class RecordingIp implements HostCommand {
        final Map<String, String> links = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public Result run(List<String> argv, String input) {
            String line = String.join(" ", argv);
            calls.add(input.isEmpty() ? line : line + " <<< " + input.strip().replace("\n", "; "));
            if (line.contains(" link show dev ")) {
                String name = argv.get(argv.size() - 1);
                return links.containsKey(name) ? new Result(0, describe(name)) : new Result(1, "");
            }
            if (line.endsWith(" link show")) {
                StringBuilder all = new StringBuilder();
                links.keySet().forEach(n -> all.append(describe(n)).append('\n'));
                return new Result(0, all.toString());
            }
            return new Result(0, "");
        }

        private String describe(String name) {
            return (links.keySet().stream().toList().indexOf(name) + 1) + ": " + name + ": <UP> mtu 1500" + links.get(name);
        }
    }

    final RecordingIp ip = new RecordingIp();
    final TapDevices taps = new TapDevices(ip, "ns1");

    @Test
    void aNewTapIsMadeLabelledAttachedToItsVlanAndBroughtUp() {
        ip.links.put("br-mgmt", "");
        taps.ensure(new TapDevices.Tap("ef0123456789abc", "br-mgmt", 120, 9000, "c1-cp-0", null));
        assertEquals(List.of(
                "ip -n ns1 -o link show",
                "ip -n ns1 -batch - <<< tuntap add dev ef0123456789abc mode tap; link set dev ef0123456789abc alias c1-cp-0;"
                        + " link set dev ef0123456789abc mtu 9000; link set dev ef0123456789abc master br-mgmt;"
                        + " link set dev ef0123456789abc up",
                "bridge -n ns1 -batch - <<< vlan add dev ef0123456789abc vid 120 pvid untagged"), ip.calls,
                "one process measures, one (two with a VLAN) acts");
    }

    @Test
    void anExistingTapOfTheSameMicroVmIsKeptAndAnotherVmsTapIsRefused() {
        ip.links.put("br-mgmt", "");
        ip.links.put("efmine", " master br-mgmt \\    link/ether 02:ef:0a:00:00:07 \\    alias c1-cp-0");
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
