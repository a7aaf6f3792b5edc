package io.edgefleet.agent.driver;

import java.util.Objects;

/**
 * One guest network interface of a microVM, backed by a tap device on the host that the driver makes,
 * joins to the site bridge and removes with the microVM.
 *
 * @param ifaceId     the interface id inside the microVM (e.g. {@code eth0})
 * @param hostDevName the host tap device it is attached to (see {@code TapNames}: at most 15 bytes)
 * @param guestMac    the guest MAC address, or null to let the hypervisor choose
 * @param mtu         the MTU advertised to the guest, or null for the guest's default
 * @param bridge      the host bridge the tap joins, or null to leave the tap unattached (made elsewhere)
 * @param vlan        the 802.1Q VLAN the tap is an untagged member of on that bridge, or null
 */
public record NicSpec(String ifaceId, String hostDevName, String guestMac, Integer mtu, String bridge, Integer vlan) {

    public NicSpec {
        MicroVmSpec.requireId(ifaceId, "ifaceId");
        Objects.requireNonNull(hostDevName, "hostDevName");
        if (hostDevName.isBlank() || hostDevName.length() > 15) {
            throw new IllegalArgumentException("hostDevName must be 1-15 characters (Linux interface names), got '" + hostDevName + "'");
        }
        // The same bounds Firecracker enforces, so a bad MTU fails here and not on the host.
        if (mtu != null && (mtu < 68 || mtu > 65535)) {
            throw new IllegalArgumentException("mtu must be within [68, 65535], got " + mtu);
        }
        if (vlan != null && (vlan < 1 || vlan > 4094)) {
            throw new IllegalArgumentException("vlan must be within [1, 4094], got " + vlan);
        }
    }

    /** An interface on a tap that is made elsewhere (no bridge, no VLAN). */
    public NicSpec(String ifaceId, String hostDevName, String guestMac, Integer mtu) {
        this(ifaceId, hostDevName, guestMac, mtu, null, null);
    }
}
