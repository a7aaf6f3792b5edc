package io.edgefleet.agent.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.driver.NicSpec;
import io.edgefleet.agent.driver.host.TapNames;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SiteNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuestNetworkTest {
    static final SiteNetwork NET = new SiteNetwork("10.42.0.0/22", "10.42.0.1", "10.42.1.0", "10.42.3.254", "br-mgmt", 120, 9000);

    static PlannedMicroVm vm(String ip, String mac) {
        return new PlannedMicroVm("c1-cp-0", "c1", MicroVmRole.CONTROL_PLANE, "h1", 2, 2048, 20, "1.31.2", ip, mac);
    }

    @Test
    void aPlannedAddressBecomesATapOnTheSiteBridgeWithThePlannedMac() {
        List<NicSpec> nics = GuestNetwork.nics(NET, vm("10.42.1.7", "02:ef:0a:2a:01:07"));
        assertEquals(List.of(new NicSpec("eth0", TapNames.of("c1-cp-0", "eth0"), "02:ef:0a:2a:01:07", 9000, "br-mgmt", 120)), nics);
        assertEquals(15, nics.get(0).hostDevName().length());
    }

    @Test
    void theGuestLearnsItsAddressPrefixAndGatewayFromTheKernelCommandLine() {
        String args = GuestNetwork.kernelArgs(NET, vm("10.42.1.7", "02:ef:0a:2a:01:07"));
        assertTrue(args.contains(" ip=10.42.1.7::10.42.0.1:255.255.252.0:c1-cp-0:eth0:off"), args);
        assertTrue(args.endsWith(" edgefleet.ip=10.42.1.7/22 edgefleet.gw=10.42.0.1"), args);
    }

    @Test
    void withoutAnAddressPlanTheMicroVmGetsNoInterface() {
        assertEquals(List.of(), GuestNetwork.nics(null, vm(null, null)));
        assertEquals("", GuestNetwork.kernelArgs(null, vm(null, null)));
        assertEquals(List.of(), GuestNetwork.nics(NET, vm(null, null)));
    }

    @Test
    void netmasksForEveryCommonPrefix() {
        assertEquals("255.255.255.0", GuestNetwork.netmask(24));
        assertEquals("255.255.255.255", GuestNetwork.netmask(32));
        assertEquals("0.0.0.0", GuestNetwork.netmask(0));
        assertEquals("255.128.0.0", GuestNetwork.netmask(9));
    }
}
