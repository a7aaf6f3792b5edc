package io.edgefleet.agent.driver.firecracker;

import io.edgefleet.agent.driver.host.HostResources;
import io.edgefleet.agent.driver.host.VmCgroups;
import io.edgefleet.agent.driver.vmm.DriverProperties;
import io.edgefleet.agent.driver.vmm.HostVmmProcesses;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The Firecracker driver of a host agent with this host's resources: base images from
 * {@code images-dir}, taps on the host, and the cgroup hierarchy the host has ({@code cgroup},
 * {@code cgroup-root}, {@code cgroup-parent}; with the jailer, cgroup v2 is handed to it).
 */
public final class FirecrackerDrivers {
    private static final Logger LOG = Logger.getLogger(FirecrackerDrivers.class);

    private FirecrackerDrivers() {
    }

    public static FirecrackerDriver forAgent(Map<String, String> values) {
        FirecrackerConfig config = FirecrackerConfig.fromProperties(values);
        DriverProperties p = new DriverProperties(FirecrackerConfig.PREFIX, "firecracker", values);
        VmCgroups cgroups = VmCgroups.detect(Path.of(p.string("cgroup-root", "/sys/fs/cgroup")),
                p.string("cgroup-parent", "edgefleet-vms"), p.string("cgroup", "auto"));
        LOG.infof("Firecracker microVMs of host %s: %s", config.hostId(), cgroups.describe());
        return new FirecrackerDriver(config, new HostVmmProcesses(),
                HostResources.onThisHost(Path.of(p.string("images-dir", "/var/lib/edgefleet/images")), null, cgroups));
    }
}
