package io.edgefleet.agent.driver;

import java.util.Objects;

/**
 * One guest network interface of a microVM, backed by a TAP device on the host.
 *
 * @param ifaceId     the interface id inside the microVM (e.g. {@code eth0})
 * @param hostDevName the host TAP device it is attached to (e.g. {@code tap-cp0-0})
 * @param guestMac    the guest MAC address, or null to let the hypervisor choose
 * @param mtu         the MTU advertised to the guest, or null for the guest's default
 */
public record NicSpec(String ifaceId, String hostDevName, String guestMac, Integer mtu) {

    public NicSpec {
        MicroVmSpec.requireId(ifaceId, "ifaceId");
        Objects.requireNonNull(hostDevName, "hostDevName");
        if (hostDevName.isBlank()) {
            throw new IllegalArgumentException("hostDevName must not be blank");
        }
        // The same bounds Firecracker enforces, so a bad MTU fails here and not on the host.
        if (mtu != null && (mtu < 68 || mtu > 65535)) {
            throw new IllegalArgumentException("mtu must be within [68, 65535], got " + mtu);
        }
    }
}
