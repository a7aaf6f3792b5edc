package io.edgefleet.agent.driver.simulated;

import io.edgefleet.agent.inventory.Host;
import io.edgefleet.agent.inventory.HostState;
import io.edgefleet.agent.inventory.NumaNode;
import io.edgefleet.agent.inventory.ReservedShare;
import io.edgefleet.agent.inventory.SiteInventory;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small hand-built sites whose capacities are easy to count. */
final class TestSites {

    private TestSites() {
    }

    /** A host with {@code vcpus} microVM vCPUs (ratio 1, nothing reserved), {@code memoryMib} memory and 100 GiB disk. */
    static Host host(String id, HostState state, int vcpus, long memoryMib, String... capabilities) {
        return new Host(id, "rack-" + id, state, Set.of(capabilities), 1.0, new ReservedShare(0, 0), 100,
                List.of(new NumaNode(0, vcpus, memoryMib, 0, Map.of())));
    }

    /** h1 and h2: 8 vCPUs, 8 GiB each; "down" is DOWN; "bare" lacks the microvm capability. */
    static SiteInventory small() {
        return new SiteInventory("site-t", "test", List.of(
                host("h1", HostState.READY, 8, 8192, "microvm"),
                host("h2", HostState.READY, 8, 8192, "microvm"),
                host("down", HostState.DOWN, 8, 8192, "microvm"),
                host("bare", HostState.READY, 8, 8192)));
    }
}
