package io.edgefleet.agent.driver.firecracker;

import io.edgefleet.agent.driver.vmm.VmDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts one microVM's VMM, and where its API socket and files end up.
 *
 * <p>Without the jailer: {@code firecracker --api-sock <state-dir>/<id>/api.sock --id <id>}.
 * With it: {@code jailer --id <id> --exec-file <firecracker> --uid U --gid G --chroot-base-dir B --
 * --api-sock /run/firecracker.socket}; firecracker then sees only its jail, so the socket is
 * {@code B/<exec-file name>/<id>/root/run/firecracker.socket} on the host and kernel and disk must be
 * placed inside {@code B/<exec-file name>/<id>/root} and named by their path inside the jail.
 * Neither form daemonizes: the launched pid is the VMM's pid, which is what the driver watches.
 *
 * @param argv       the full command, launch prefix included
 * @param socket     the API socket as seen from the host
 * @param jailRoot   the jail's root directory, or null without the jailer
 */
record VmmCommand(List<String> argv, Path socket, Path jailRoot) {

    /** Unix socket paths are limited to 107 bytes (sun_path); longer ones cannot be bound at all. */
    static final int MAX_SOCKET_PATH = 107;

    static VmmCommand forMicroVm(FirecrackerConfig config, VmDirectory<VmRecord> dirs, String id) {
        return forMicroVm(config, dirs, id, List.of());
    }

    /** @param jailerCgroupArgs the jailer's cgroup arguments (version, parent, limits), put before its {@code --} */
    static VmmCommand forMicroVm(FirecrackerConfig config, VmDirectory<VmRecord> dirs, String id, List<String> jailerCgroupArgs) {
        List<String> argv = new ArrayList<>();
        for (String word : config.launchPrefix()) {
            argv.add(word.replace("{id}", id));
        }
        FirecrackerConfig.Jailer jailer = config.jailer();
        if (jailer == null) {
            Path socket = dirs.socket(id);
            argv.addAll(List.of(config.firecrackerBinary().toString(), "--api-sock", socket.toString(), "--id", id));
            return new VmmCommand(argv, socket, null);
        }
        Path jailRoot = jailer.chrootBaseDir().resolve(config.firecrackerBinary().getFileName().toString()).resolve(id).resolve("root");
        argv.addAll(List.of(jailer.binary().toString(), "--id", id,
                "--exec-file", config.firecrackerBinary().toString(),
                "--uid", Integer.toString(jailer.uid()), "--gid", Integer.toString(jailer.gid()),
                "--chroot-base-dir", jailer.chrootBaseDir().toString()));
        argv.addAll(jailerCgroupArgs);
        argv.addAll(List.of("--", "--api-sock", "/run/firecracker.socket"));
        return new VmmCommand(argv, jailRoot.resolve("run/firecracker.socket"), jailRoot);
    }

    /** The jail directory to remove on delete ({@code <base>/<exec>/<id>}), or null. */
    Path jailDir() {
        return jailRoot == null ? null : jailRoot.getParent();
    }
}
