package io.edgefleet.agent.bootstrap;

import java.util.Locale;

/**
 * A node's management address on the site network: what its network-config sets on the interface with that MAC.
 *
 * @param ipAddress    IPv4 address of the node
 * @param prefixLength length of the site network's prefix (1-32)
 * @param gateway      the site network's gateway, or null when the network has none
 * @param macAddress   the MAC of the microVM's interface; the guest names the interface with it
 */
public record NodeAddress(String ipAddress, int prefixLength, String gateway, String macAddress) {

    public NodeAddress {
        Inputs.ipv4(ipAddress, "address.ipAddress");
        if (prefixLength < 1 || prefixLength > 32) {
            throw new IllegalArgumentException("address.prefixLength must be 1-32");
        }
        if (gateway != null) {
            Inputs.ipv4(gateway, "address.gateway");
            if (gateway.equals(ipAddress) || !Inputs.sameNetwork(gateway, ipAddress, prefixLength)) {
                throw new IllegalArgumentException("address.gateway must be another address of the node's network");
            }
        }
        // cloud-init compares MACs as the kernel prints them: lower case.
        macAddress = Inputs.mac(macAddress, "address.macAddress").toLowerCase(Locale.ROOT);
    }

    /** The address in CIDR form, {@code 10.0.0.5/24}. */
    public String cidr() {
        return ipAddress + "/" + prefixLength;
    }
}
