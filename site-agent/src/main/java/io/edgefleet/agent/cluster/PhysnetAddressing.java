package io.edgefleet.agent.cluster;

import java.util.Optional;

/**
 * How the VFs of one physnet are reached at layer 2 and 3, from the site's address plan in the agent's
 * configuration ({@code edgefleet.agent.cluster.physnets."<physnet>".*}).
 *
 * @param vlan       the VLAN the VF tags with, or null for untagged
 * @param subnet     the CIDR pods get addresses from, or null for no addresses (layer 2 only)
 * @param rangeStart first address handed out, or null for the subnet's first
 * @param rangeEnd   last address handed out, or null for the subnet's last
 * @param gateway    the subnet's gateway, or null for none
 */
public record PhysnetAddressing(Integer vlan, String subnet, String rangeStart, String rangeEnd, String gateway) {
    /** Untagged and without addresses: what a physnet the configuration does not name gets. */
    public static final PhysnetAddressing LAYER2_ONLY = new PhysnetAddressing(null, null, null, null, null);

    public PhysnetAddressing {
        if (vlan != null && (vlan < 0 || vlan > 4094)) {
            throw new IllegalArgumentException("a VLAN id is 0..4094, got " + vlan);
        }
        if (subnet == null && (rangeStart != null || rangeEnd != null || gateway != null)) {
            throw new IllegalArgumentException("a range or gateway needs the subnet it belongs to");
        }
    }

    /** Whether pods get addresses on this physnet. */
    public boolean hasAddresses() {
        return subnet != null;
    }

    /** From optional settings, as configuration gives them. */
    public static PhysnetAddressing of(Optional<Integer> vlan, Optional<String> subnet, Optional<String> rangeStart,
                                       Optional<String> rangeEnd, Optional<String> gateway) {
        return new PhysnetAddressing(vlan.orElse(null), subnet.orElse(null), rangeStart.orElse(null),
                rangeEnd.orElse(null), gateway.orElse(null));
    }
}
