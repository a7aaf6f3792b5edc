package io.edgefleet.events.plan;

/**
 * A site's management network, as its inventory file names it: where microVM taps are attached
 * and which addresses placement may hand to microVMs (ADR 0020).
 *
 * <p>The event validator checks the shape (CIDR, IPv4, bridge name, VLAN 1-4094, MTU 68-65535) and
 * that gateway and range lie inside the subnet, the range is ordered, and neither end is the
 * subnet's network or broadcast address; {@link Ipv4} has the arithmetic.
 *
 * @param subnet       IPv4 CIDR of the management network, with zero host bits, e.g. {@code 10.42.0.0/24}
 * @param gateway      the network's gateway, inside the subnet, e.g. {@code 10.42.0.1}; never handed out
 * @param firstAddress first address microVMs get, inclusive
 * @param lastAddress  last address microVMs get, inclusive
 * @param bridge       host bridge the taps join, e.g. {@code br-mgmt}
 * @param vlan         802.1Q id on the bridge port, or null for untagged
 * @param mtu          the network's MTU, or null for the bridge's own
 */
public record SiteNetwork(
        String subnet,
        String gateway,
        String firstAddress,
        String lastAddress,
        String bridge,
        Integer vlan,
        Integer mtu) {
}
