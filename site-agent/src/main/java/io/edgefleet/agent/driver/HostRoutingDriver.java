package io.edgefleet.agent.driver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One driver for a whole site, made of one driver per host (a {@code FirecrackerDriver} drives only
 * the host it runs on). Creates go to the spec's host; list, stop and delete ask every host, since
 * after a restart only the hosts know which microVMs they hold.
 */
public final class HostRoutingDriver implements MicroVmDriver {

    private final Map<String, MicroVmDriver> byHost;

    /** @param byHost the driver of each host, by inventory host id */
    public HostRoutingDriver(Map<String, MicroVmDriver> byHost) {
        this.byHost = new TreeMap<>(byHost);
    }

    @Override
    public List<MicroVmStatus> list() {
        List<MicroVmStatus> all = new ArrayList<>();
        byHost.values().forEach(d -> all.addAll(d.list()));
        all.sort(Comparator.comparing(MicroVmStatus::microVmId));
        return all;
    }

    @Override
    public MicroVmStatus create(MicroVmSpec spec) {
        // Idempotent across hosts too: an id that already exists anywhere is not created again.
        Optional<MicroVmStatus> existing = status(spec.microVmId());
        if (existing.isPresent()) {
            return existing.get();
        }
        MicroVmDriver driver = byHost.get(spec.hostId());
        if (driver == null) {
            return MicroVmStatus.failed(spec.microVmId(), spec.hostId(), "no driver for host " + spec.hostId()
                    + " (this agent drives " + byHost.keySet() + ")", Instant.now());
        }
        return driver.create(spec);
    }

    @Override
    public MicroVmStatus stop(String microVmId) {
        for (MicroVmDriver d : byHost.values()) {
            if (d.status(microVmId).isPresent()) {
                return d.stop(microVmId);
            }
        }
        return new MicroVmStatus(microVmId, "", MicroVmState.STOPPED, "no such microVM", Instant.now());
    }

    @Override
    public void delete(String microVmId) {
        byHost.values().forEach(d -> d.delete(microVmId));
    }

    @Override
    public void keepMicroVmsOff(String hostId, int reservedCores, Set<Integer> pinnedCores) {
        MicroVmDriver driver = byHost.get(hostId);
        if (driver != null) {
            driver.keepMicroVmsOff(hostId, reservedCores, pinnedCores);
        }
    }

    @Override
    public boolean keepsMicroVmsOff(String hostId, int reservedCores, Set<Integer> pinnedCores) {
        MicroVmDriver driver = byHost.get(hostId);
        return driver == null || driver.keepsMicroVmsOff(hostId, reservedCores, pinnedCores);
    }

    @Override
    public String isolation(String hostId) {
        MicroVmDriver driver = byHost.get(hostId);
        return driver == null ? "no driver for host " + hostId : driver.isolation(hostId);
    }
}
