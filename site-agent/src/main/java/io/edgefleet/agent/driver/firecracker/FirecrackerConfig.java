package io.edgefleet.agent.driver.firecracker;

import io.edgefleet.agent.driver.vmm.DriverProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@link FirecrackerDriver}. Read from flat properties by {@link #fromProperties};
 * every key is documented in {@code deploy/agent/agent.conf}.
 *
 * @param hostId            the inventory id of the host this driver runs microVMs on
 * @param firecrackerBinary the firecracker executable
 * @param jailer            jailer settings, or null to run firecracker directly
 * @param stateDir          one sub-directory per microVM (record, API socket, log); survives agent restarts
 * @param launchPrefix      words put before the command, {@code {id}} replaced by the microVM id
 *                          (e.g. {@code systemd-run --scope ... --unit=edgefleet-vm-{id}}); may be empty
 * @param defaultKernelImagePath kernel used when a spec names none, or null
 * @param defaultRootfsPath root file system used when a spec names none, or null
 * @param defaultKernelArgs kernel command line used when a spec names none
 * @param apiTimeout        deadline of one API request
 * @param startTimeout      how long a new process may take to answer on its API socket
 * @param stopGracePeriod   how long a guest may take to shut down after Ctrl+Alt+Del before it is killed
 */
public record FirecrackerConfig(String hostId, Path firecrackerBinary, Jailer jailer, Path stateDir,
                                List<String> launchPrefix, String defaultKernelImagePath, String defaultRootfsPath,
                                String defaultKernelArgs, Duration apiTimeout, Duration startTimeout,
                                Duration stopGracePeriod) {

    /**
     * Jailer settings: firecracker then runs chrooted, as an unprivileged user, in its own cgroup.
     *
     * @param binary        the jailer executable
     * @param chrootBaseDir base of the jails ({@code <base>/<exec-file name>/<id>/root})
     * @param uid           user id firecracker runs as
     * @param gid           group id firecracker runs as
     */
    public record Jailer(Path binary, Path chrootBaseDir, int uid, int gid) {
        public Jailer {
            Objects.requireNonNull(binary, "jailer binary");
            Objects.requireNonNull(chrootBaseDir, "jailer chroot base dir");
        }
    }

    /** Prefix of every property key. */
    public static final String PREFIX = "edgefleet.agent.driver.firecracker.";

    public FirecrackerConfig {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(firecrackerBinary, "firecrackerBinary");
        Objects.requireNonNull(stateDir, "stateDir");
        launchPrefix = launchPrefix == null ? List.of() : List.copyOf(launchPrefix);
        defaultKernelArgs = defaultKernelArgs == null ? "" : defaultKernelArgs;
        Objects.requireNonNull(apiTimeout, "apiTimeout");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(stopGracePeriod, "stopGracePeriod");
    }

    /** Direct launch (no jailer, no prefix), usual kernel arguments and timeouts. */
    public static FirecrackerConfig of(String hostId, Path firecrackerBinary, Path stateDir) {
        return new FirecrackerConfig(hostId, firecrackerBinary, null, stateDir, List.of(), null, null,
                "console=ttyS0 reboot=k panic=1 pci=off", Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** Same config with other timeouts (tests use short ones). */
    public FirecrackerConfig withTimeouts(Duration api, Duration start, Duration stopGrace) {
        return new FirecrackerConfig(hostId, firecrackerBinary, jailer, stateDir, launchPrefix, defaultKernelImagePath,
                defaultRootfsPath, defaultKernelArgs, api, start, stopGrace);
    }

    /** Same config with a jailer. */
    public FirecrackerConfig withJailer(Jailer j) {
        return new FirecrackerConfig(hostId, firecrackerBinary, j, stateDir, launchPrefix, defaultKernelImagePath,
                defaultRootfsPath, defaultKernelArgs, apiTimeout, startTimeout, stopGracePeriod);
    }

    /** Reads {@code edgefleet.agent.driver.firecracker.*} keys; host-id, binary and state-dir are required. */
    public static FirecrackerConfig fromProperties(Map<String, String> values) {
        DriverProperties p = new DriverProperties(PREFIX, "firecracker", values);
        FirecrackerConfig d = of(p.required("host-id"), Path.of(p.required("binary")), Path.of(p.required("state-dir")));
        Jailer jailer = null;
        String jailerBinary = p.optional("jailer.binary");
        if (jailerBinary != null) {
            jailer = new Jailer(Path.of(jailerBinary), Path.of(p.string("jailer.chroot-base-dir", "/srv/jailer")),
                    p.integer("jailer.uid", 0), p.integer("jailer.gid", 0));
        }
        String prefix = p.string("launch-prefix", "");
        return new FirecrackerConfig(d.hostId(), d.firecrackerBinary(), jailer, d.stateDir(),
                prefix.isEmpty() ? List.of() : Arrays.asList(prefix.split("\\s+")),
                p.optional("kernel-image"), p.optional("rootfs"),
                values.getOrDefault(PREFIX + "kernel-args", d.defaultKernelArgs()),
                Duration.ofMillis(p.integer("api-timeout-millis", 2000)),
                Duration.ofMillis(p.integer("start-timeout-millis", 5000)),
                Duration.ofMillis(p.integer("stop-grace-millis", 10000)));
    }
}
