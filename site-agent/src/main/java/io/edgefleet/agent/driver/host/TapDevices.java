package io.edgefleet.agent.driver.host;

import java.util.ArrayList;
import java.util.List;

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

    /** What a tap must be: its name, the bridge it joins, the VLAN it is untagged in (or null), its MTU (or null), who may open it (or null). */
    public record Tap(String name, String bridge, Integer vlan, Integer mtu, String microVmId, Integer ownerUid) {
    }

    /** Creates the tap if it is absent, and brings it to the wanted bridge, VLAN, MTU and state. */
    public void ensure(Tap tap) {
        if (!exists(tap.bridge())) {
            throw new HostSetupException("bridge " + tap.bridge() + " does not exist" + where()
                    + ": create it (and enslave the uplink or VLAN) before microVMs are planned here (docs/operate.md, preparing a host)");
        }
        String alias = alias(tap.name());
        if (alias == null) {
            List<String> add = new ArrayList<>(ipCmd("tuntap", "add", "dev", tap.name(), "mode", "tap"));
            if (tap.ownerUid() != null) {
                add.addAll(List.of("user", tap.ownerUid().toString()));
            }
            ip.require("create tap " + tap.name(), add);
            ip.require("label tap " + tap.name(), ipCmd("link", "set", "dev", tap.name(), "alias", tap.microVmId()));
        } else if (!alias.equals(tap.microVmId())) {
            throw new HostSetupException("tap " + tap.name() + " exists for microVM '" + alias + "', not " + tap.microVmId()
                    + "; refusing to share it");
        }
        if (tap.mtu() != null) {
            ip.require("set MTU of tap " + tap.name(), ipCmd("link", "set", "dev", tap.name(), "mtu", tap.mtu().toString()));
        }
        ip.require("attach tap " + tap.name() + " to bridge " + tap.bridge(),
                ipCmd("link", "set", "dev", tap.name(), "master", tap.bridge()));
        if (tap.vlan() != null) {
            ip.require("put tap " + tap.name() + " in VLAN " + tap.vlan(), bridgeCmd("vlan", "add", "dev", tap.name(),
                    "vid", tap.vlan().toString(), "pvid", "untagged"));
        }
        ip.require("bring tap " + tap.name() + " up", ipCmd("link", "set", "dev", tap.name(), "up"));
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

    /** The alias of an existing tap ("" when it has none), or null when there is no such link. */
    String alias(String name) {
        HostCommand.Result r = ip.run(ipCmd("-o", "link", "show", "dev", name));
        if (!r.ok()) {
            return null;
        }
        // One line: "7: NAME: <...> mtu ... \    link/ether ... \    alias ID"
        int at = r.output().indexOf(" alias ");
        return at < 0 ? "" : r.output().substring(at + 7).strip().split("\\s")[0];
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
