package io.edgefleet.agent.driver.qemu;

import io.edgefleet.agent.driver.HostRoutingDriver;
import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.driver.host.HostResources;
import io.edgefleet.agent.driver.host.VmCgroups;
import io.edgefleet.agent.driver.vmm.HostVmmProcesses;
import io.edgefleet.agent.inventory.Host;
import io.edgefleet.agent.inventory.SiteInventory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The QEMU driver(s) of an agent. A host agent gets one driver for its own host. A site-wide agent on
 * one machine (the local fleet, a lab) gets one driver per inventory host, each with its own state
 * directory and cgroup, so every "host" of the site really runs its own guests on this machine.
 */
public final class QemuDrivers {
    private static final Logger LOG = Logger.getLogger(QemuDrivers.class);

    private QemuDrivers() {
    }

    /**
     * @param props     the {@code edgefleet.agent.driver.qemu.*} properties
     * @param hostAgent whether the agent runs one host (then {@code host-id} is that host)
     * @param inventory the site's hosts
     */
    public static MicroVmDriver forAgent(Map<String, String> props, boolean hostAgent, SiteInventory inventory) {
        if (hostAgent) {
            return driver(QemuConfig.fromProperties(props));
        }
        Map<String, MicroVmDriver> byHost = new LinkedHashMap<>();
        for (Host host : inventory.hosts()) {
            Map<String, String> own = new HashMap<>(props);
            own.put(QemuConfig.PREFIX + "host-id", host.id());
            own.put(QemuConfig.PREFIX + "state-dir", props.getOrDefault(QemuConfig.PREFIX + "state-dir", "/var/lib/edgefleet-agent/qemu")
                    + "/" + host.id());
            own.put(QemuConfig.PREFIX + "cgroup-parent", props.getOrDefault(QemuConfig.PREFIX + "cgroup-parent", "edgefleet-vms")
                    + "-" + inventory.siteId() + "-" + host.id());
            byHost.put(host.id(), driver(QemuConfig.fromProperties(own)));
        }
        return new HostRoutingDriver(byHost);
    }

    private static QemuDriver driver(QemuConfig config) {
        VmCgroups cgroups = VmCgroups.detect(config.cgroupRoot(), config.cgroupParent(), config.cgroupMode());
        LOG.infof("QEMU microVMs of host %s (%s): %s", config.hostId(), config.accel(), cgroups.describe());
        if (config.guestMemoryCapMib() > 0) {
            LOG.warnf("QEMU guests of host %s get at most %d MiB of memory, less than planned where the plan asks for more",
                    config.hostId(), config.guestMemoryCapMib());
        }
        return new QemuDriver(config, new HostVmmProcesses(), HostResources.onThisHost(config.imagesDir(), config.netns(), cgroups));
    }
}
