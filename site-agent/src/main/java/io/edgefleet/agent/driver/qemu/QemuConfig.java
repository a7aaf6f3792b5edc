package io.edgefleet.agent.driver.qemu;

import io.edgefleet.agent.driver.vmm.DriverProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@link QemuDriver}, read from {@code edgefleet.agent.driver.qemu.*} (every key is
 * documented in {@code deploy/agent/agent.conf}).
 *
 * @param hostId            the inventory id of the host this driver runs microVMs on
 * @param binary            the QEMU system emulator ({@code qemu-system-x86_64})
 * @param stateDir          one directory per microVM: record, QMP socket, console, log, writable root disk
 * @param imagesDir         content-addressed base images ({@code <dir>/sha256/<hex>})
 * @param defaultKernel     guest kernel when a spec names none, or null
 * @param initrd            initramfs given to every guest, or null
 * @param defaultBaseImage  base image when a spec names none ({@code sha256:...} or a path), or null
 * @param accel             {@code kvm} or {@code tcg} (software emulation: real guests, slowly, where KVM is absent or broken)
 * @param extraKernelArgs   appended to every guest's command line
 * @param netns             network namespace the VMMs and their taps live in, or null for the agent's own
 * @param cgroupMode        {@code auto}, {@code v1}, {@code v2} or {@code none}
 * @param cgroupRoot        the cgroup mount root
 * @param cgroupParent      the parent group of every microVM
 * @param vmmOverheadMib    memory the VMM itself may use beyond the guest's, added to each memory limit
 * @param guestMemoryCapMib at most this much guest memory per microVM (a laptop's local fleet), 0 for none
 * @param startTimeout      how long a new VMM may take to answer on QMP before it counts as failed
 * @param qmpTimeout        deadline of one QMP exchange
 * @param stopGracePeriod   how long a guest may take to power off after the ACPI power button before it is killed
 */
public record QemuConfig(String hostId, Path binary, Path stateDir, Path imagesDir, String defaultKernel, String initrd,
                         String defaultBaseImage, String accel, String extraKernelArgs, String netns, String cgroupMode,
                         Path cgroupRoot, String cgroupParent, int vmmOverheadMib, int guestMemoryCapMib,
                         Duration startTimeout, Duration qmpTimeout, Duration stopGracePeriod) {

    /** Prefix of every property key. */
    public static final String PREFIX = "edgefleet.agent.driver.qemu.";

    public QemuConfig {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(imagesDir, "imagesDir");
        if (!accel.equals("kvm") && !accel.equals("tcg")) {
            throw new IllegalArgumentException(PREFIX + "accel must be kvm, tcg or auto, got '" + accel + "'");
        }
        extraKernelArgs = extraKernelArgs == null ? "" : extraKernelArgs;
    }

    /** Reads the properties; host-id and state-dir are required. */
    public static QemuConfig fromProperties(Map<String, String> values) {
        DriverProperties p = new DriverProperties(PREFIX, "qemu", values);
        return new QemuConfig(p.required("host-id"), Path.of(p.string("binary", "qemu-system-x86_64")),
                Path.of(p.required("state-dir")), Path.of(p.string("images-dir", "/var/lib/edgefleet/images")),
                p.optional("kernel"), p.optional("initrd"), p.optional("base-image"), accel(p.string("accel", "auto")),
                p.string("kernel-args", ""), p.optional("netns"), p.string("cgroup", "auto"),
                Path.of(p.string("cgroup-root", "/sys/fs/cgroup")), p.string("cgroup-parent", "edgefleet-vms"),
                p.integer("vmm-overhead-mib", 192), p.integer("guest-memory-cap-mib", 0),
                Duration.ofMillis(p.integer("start-timeout-millis", 10000)),
                Duration.ofMillis(p.integer("qmp-timeout-millis", 2000)),
                Duration.ofMillis(p.integer("stop-grace-millis", 10000)));
    }

    /** {@code auto}: KVM when /dev/kvm can be opened for writing, else software emulation. */
    static String accel(String wanted) {
        if (!wanted.equals("auto")) {
            return wanted;
        }
        Path kvm = Path.of("/dev/kvm");
        return Files.isReadable(kvm) && Files.isWritable(kvm) ? "kvm" : "tcg";
    }

    /** The guest memory actually given for a planned size (capped on laptops). */
    int guestMemoryMib(int plannedMib) {
        return guestMemoryCapMib > 0 ? Math.min(plannedMib, guestMemoryCapMib) : plannedMib;
    }
}
