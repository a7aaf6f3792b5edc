package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.driver.NicSpec;
import io.edgefleet.agent.driver.host.TapNames;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SiteNetwork;
import java.util.List;

/**
 * A planned microVM's management interface: the tap the host makes for it on the site bridge (or VLAN),
 * with the MAC placement assigned, and the kernel arguments that give the guest its address. Two forms
 * of the same address go on the command line: the kernel's own {@code ip=} (used by kernels built with
 * IP autoconfiguration) and {@code edgefleet.ip=}/{@code edgefleet.gw=} (read by guest images whose init
 * configures the interface itself). Guests with cloud-init get the same address in their seed.
 */
final class GuestNetwork {
    static final String IFACE = "eth0";

    private GuestNetwork() {
    }

    /** The interfaces of the microVM: none when the plan carries no address for it. */
    static List<NicSpec> nics(SiteNetwork network, PlannedMicroVm vm) {
        if (network == null || vm.ipAddress() == null) {
            return List.of();
        }
        return List.of(new NicSpec(IFACE, TapNames.of(vm.microVmId(), IFACE), vm.macAddress(), network.mtu(),
                network.bridge(), network.vlan()));
    }

    /** The kernel arguments that configure the guest's address, or "" without one. */
    static String kernelArgs(SiteNetwork network, PlannedMicroVm vm) {
        if (network == null || vm.ipAddress() == null) {
            return "";
        }
        int prefix = Integer.parseInt(network.subnet().substring(network.subnet().indexOf('/') + 1));
        String gateway = network.gateway() == null ? "" : network.gateway();
        return " ip=" + vm.ipAddress() + "::" + gateway + ":" + netmask(prefix) + ":" + vm.microVmId() + ":" + IFACE + ":off"
                + " edgefleet.ip=" + vm.ipAddress() + "/" + prefix + (gateway.isEmpty() ? "" : " edgefleet.gw=" + gateway);
    }

    static String netmask(int prefix) {
        long mask = prefix == 0 ? 0 : 0xffffffffL << (32 - prefix) & 0xffffffffL;
        return (mask >> 24) + "." + (mask >> 16 & 255) + "." + (mask >> 8 & 255) + "." + (mask & 255);
    }
}
