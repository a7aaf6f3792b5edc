package io.edgefleet.agent.driver.host;

import java.util.ArrayList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes and removes the tap device of a microVM interface with iproute2, attached to the site bridge
 * (optionally as an untagged member of a VLAN) and labelled with the microVM id as its alias, so
 * {@code ip link} tells an operator whose tap it is and the agent never takes over another VM's tap.
 * Every method is idempotent: measured with {@code ip link show}, then acted on.
 *
 * @param ip    how iproute2 is run
 * @param netns network namespace the taps and the bridge live in, or null for the agent's own
 */
public record TapDevices(HostCommand ip, String netns) {
    private static final Path SYS_NET = Path.of("/sys/class/net");

    /** What a tap must be: its name, the bridge it joins, the VLAN it is untagged in (or null), its MTU (or null), who may open it (or null). */
    public record Tap(String name, String bridge, Integer vlan, Integer mtu, String microVmId, Integer ownerUid) {
    }

    /**
     * Creates the tap if it is absent, and brings it to the wanted bridge, VLAN, MTU and state: one
     * {@code ip link show} to measure, one {@code ip -batch} (and one {@code bridge -batch} for a VLAN) to
     * act, so a create costs two or three processes, not one per change.
     */
    public void ensure(Tap tap) {
        Map<String, String> links = links(tap.bridge(), tap.name());
        if (!links.containsKey(tap.bridge())) {
            throw new HostSetupException("bridge " + tap.bridge() + " does not exist" + where()
                    + ": create it (and enslave the uplink or VLAN) before microVMs are planned here (docs/operate.md, preparing a host)");
        }
        StringBuilder changes = new StringBuilder();
        String line = links.get(tap.name());
        if (line == null) {
            changes.append("tuntap add dev ").append(tap.name()).append(" mode tap")
                    .append(tap.ownerUid() == null ? "" : " user " + tap.ownerUid()).append('\n');
            changes.append("link set dev ").append(tap.name()).append(" alias ").append(tap.microVmId()).append('\n');
        } else if (!aliasIn(line).equals(tap.microVmId())) {
            throw new HostSetupException("tap " + tap.name() + " exists for microVM '" + aliasIn(line) + "', not " + tap.microVmId()
                    + "; refusing to share it");
        }
        if (tap.mtu() != null) {
            changes.append("link set dev ").append(tap.name()).append(" mtu ").append(tap.mtu()).append('\n');
        }
        changes.append("link set dev ").append(tap.name()).append(" master ").append(tap.bridge()).append('\n');
        changes.append("link set dev ").append(tap.name()).append(" up\n");
        ip.require("set up tap " + tap.name() + " on bridge " + tap.bridge(), ipCmd("-batch", "-"), changes.toString());
        if (tap.vlan() != null) {
            ip.require("put tap " + tap.name() + " in VLAN " + tap.vlan(), bridgeCmd("-batch", "-"),
                    "vlan add dev " + tap.name() + " vid " + tap.vlan() + " pvid untagged\n");
        }
    }

    /** Removes the tap if it exists (a VMM holding it open must be gone first, or the tap outlives it). */
    public void remove(String name) {
        if (exists(name)) {
            ip.require("remove tap " + name, ipCmd("link", "del", "dev", name));
        }
    }

    /** Whether a link of this name exists. */
    public boolean exists(String name) {
        return ip.run(ipCmd("-o", "link", "show", "dev", name)).ok();
    }

    /**
     * The links of these names that exist, with a description that holds their alias. In the agent's own
     * namespace sysfs tells without starting a process; in another, {@code ip -o link show} lists them.
     */
    private Map<String, String> links(String... names) {
        if (netns == null) {
            Map<String, String> links = new HashMap<>();
            for (String name : names) {
                Path dir = SYS_NET.resolve(name);
                if (Files.isDirectory(dir)) {
                    links.put(name, name + (Files.isReadable(dir.resolve("ifalias")) ? " alias " + read(dir.resolve("ifalias")) : ""));
                }
            }
            return links;
        }
        String out = ip.require("list links" + where(), ipCmd("-o", "link", "show"));
        Map<String, String> links = new HashMap<>();
        // "7: NAME: <...> mtu ... \    link/ether ... \    alias ID"; a tap enslaved or a veth shows NAME@PEER
        for (String line : out.split("\n")) {
            String[] parts = line.split(": ", 3);
            if (parts.length >= 2) {
                links.put(parts[1].split("@")[0].strip(), line);
            }
        }
        return links;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** The alias in a link's one-line description, "" when it has none. */
    private static String aliasIn(String line) {
        int at = line.indexOf(" alias ");
        return at < 0 ? "" : line.substring(at + 7).strip().split("\\s")[0];
    }

    private List<String> ipCmd(String... args) {
        return inNetns("ip", args);
    }

    private List<String> bridgeCmd(String... args) {
        return inNetns("bridge", args);
    }

    /** An iproute2 tool's command line, run against the namespace when there is one ({@code -n}). */
    private List<String> inNetns(String tool, String... args) {
        List<String> argv = new ArrayList<>(List.of(tool));
        if (netns != null) {
            argv.addAll(List.of("-n", netns));
        }
        argv.addAll(List.of(args));
        return argv;
    }

    private String where() {
        return netns == null ? "" : " in network namespace " + netns;
    }
}
