package io.edgefleet.agent.driver.qemu;

import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.NicSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The QEMU command line of one microVM: the {@code microvm} machine (virtio-mmio devices only, no PCI,
 * no firmware: Firecracker's shape), its own writable root disk as {@code /dev/vda}, one virtio-net
 * device per interface on its tap, the console in a file, QMP on a Unix socket, and a pid file written
 * by QEMU itself (so a restarted agent finds the process even if it died before recording the pid).
 * A microVM with a cloud-init seed gets its {@link SeedDisk} as a second, read-only disk.
 * vCPU threads are named ({@code debug-threads}) so an operator's {@code top -H} shows whose they are.
 */
final class QemuCommand {
    private QemuCommand() {
    }

    static List<String> argv(QemuConfig config, MicroVmSpec spec, QemuFiles files, String kernel, String tscKhz) {
        List<String> argv = new ArrayList<>(List.of(config.binary().toString(),
                "-name", spec.microVmId() + ",debug-threads=on",
                "-M", "microvm,x-option-roms=off,rtc=off",
                "-accel", config.accel().equals("tcg") ? "tcg,tb-size=64" : "kvm",
                "-cpu", config.accel().equals("tcg") ? "max" : "host",
                "-smp", Integer.toString(spec.vcpu()),
                "-m", config.guestMemoryMib(spec.memoryMib()) + "M",
                "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
                "-serial", "file:" + files.console(),
                "-qmp", "unix:" + files.qmpSocket() + ",server=on,wait=off",
                "-pidfile", files.pidFile().toString(),
                "-kernel", kernel,
                "-append", kernelArgs(config, spec, tscKhz),
                "-drive", "id=root,file=" + files.rootDisk() + ",format=raw,if=none,cache=none,aio=threads",
                "-device", "virtio-blk-device,drive=root"));
        if (spec.seed() != null) {
            argv.addAll(List.of("-drive", "id=seed,file=" + files.seedImage() + ",format=raw,if=none,readonly=on",
                    "-device", "virtio-blk-device,drive=seed"));
        }
        if (config.initrd() != null) {
            argv.addAll(List.of("-initrd", config.initrd()));
        }
        for (NicSpec nic : spec.nics()) {
            String netdev = "net-" + nic.ifaceId();
            argv.addAll(List.of("-netdev", "tap,id=" + netdev + ",ifname=" + nic.hostDevName() + ",script=no,downscript=no",
                    "-device", "virtio-net-device,netdev=" + netdev + (nic.guestMac() == null ? "" : ",mac=" + nic.guestMac())));
        }
        return argv;
    }

    /**
     * The spec's command line plus the driver's extras. Under emulation the microvm machine has no
     * calibrated TSC and the guest hangs calibrating it, so the host's TSC rate is handed over.
     */
    static String kernelArgs(QemuConfig config, MicroVmSpec spec, String tscKhz) {
        StringBuilder args = new StringBuilder(spec.kernelArgs() == null ? "console=ttyS0 reboot=k panic=1" : spec.kernelArgs());
        if (!args.toString().contains("console=")) {
            args.append(" console=ttyS0");
        }
        if (spec.seed() != null) {
            seededGuestArgs(args);
        }
        if (config.accel().equals("tcg") && tscKhz != null) {
            args.append(" tsc_early_khz=").append(tscKhz);
        }
        if (!config.extraKernelArgs().isBlank()) {
            args.append(' ').append(config.extraKernelArgs().strip());
        }
        return args.toString();
    }

    /**
     * A guest with a seed is a full distribution booted through its initramfs (the busybox guest mounts its disk
     * itself and needs none of this): its root is found by label, because with two virtio-mmio disks which one
     * becomes vda depends on probe order; it is mounted writable (cloud-init writes before any fstab is read);
     * and its first interface is eth0, the name the seed's network-config and the kernel's ip= use.
     */
    private static void seededGuestArgs(StringBuilder args) {
        String given = " " + args + " ";
        if (!given.contains(" root=")) {
            args.append(" root=LABEL=root");
        }
        if (!given.contains(" rw ") && !given.contains(" ro ")) {
            args.append(" rw");
        }
        if (!given.contains(" net.ifnames=")) {
            args.append(" net.ifnames=0");
        }
    }

    /** Where one microVM's files are, inside its state directory. */
    record QemuFiles(Path dir) {
        Path console() {
            return dir.resolve("console.log");
        }

        Path qmpSocket() {
            return dir.resolve("qmp.sock");
        }

        Path pidFile() {
            return dir.resolve("qemu.pid");
        }

        Path rootDisk() {
            return dir.resolve("root.img");
        }

        /** The NoCloud seed image, present only for a microVM with a seed. */
        Path seedImage() {
            return dir.resolve("seed.iso");
        }
    }
}
