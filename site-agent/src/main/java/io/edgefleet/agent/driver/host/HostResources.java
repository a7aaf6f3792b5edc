package io.edgefleet.agent.driver.host;

import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.NicSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * The three host resources every microVM owns besides its VMM process: a writable root disk cloned
 * from a base image, one tap per interface on the site bridge, and a cgroup. Made before the VMM
 * starts, removed after it is gone, each step idempotent, so a VMM driver (QEMU or Firecracker) creates
 * and deletes them the same way, and a repeated create or delete after an agent restart finishes the job.
 *
 * @param images  where base images are resolved and verified
 * @param disks   how root disks are cloned
 * @param taps    how taps are made
 * @param cgroups where VMMs are confined
 */
public record HostResources(BaseImages images, RootDisks disks, TapDevices taps, VmCgroups cgroups) {

    /** The real host: iproute2 and cp as processes, cgroups as the host mounts them. */
    public static HostResources onThisHost(Path imagesDir, String netns, VmCgroups cgroups) {
        HostCommand commands = new ProcessHostCommand(java.time.Duration.ofSeconds(30));
        return new HostResources(new BaseImages(imagesDir), new RootDisks(commands), new TapDevices(commands, netns), cgroups);
    }

    /**
     * Makes the disk and taps and the cgroup of a microVM; returns the verified digest of its base image
     * and the {@code cgroup.procs} files its VMM must join.
     *
     * @param memoryLimitBytes the VMM's memory limit, or null when something else makes its cgroup (the jailer)
     */
    public Prepared prepare(MicroVmSpec spec, String baseImage, Path rootDisk, Long memoryLimitBytes, Integer tapOwnerUid) {
        BaseImages.Image image = images.resolve(baseImage);
        disks.ensure(image, rootDisk, spec.diskGib());
        for (NicSpec nic : spec.nics()) {
            if (nic.bridge() != null) {
                taps.ensure(new TapDevices.Tap(nic.hostDevName(), nic.bridge(), nic.vlan(), nic.mtu(), spec.microVmId(), tapOwnerUid));
            }
        }
        return new Prepared(image.digest(), memoryLimitBytes == null ? List.of() : cgroups.prepare(spec.microVmId(), memoryLimitBytes));
    }

    /** What {@link #prepare} made that the VMM launch needs. */
    public record Prepared(String baseImageDigest, List<Path> cgroupProcs) {
    }

    /** Removes what {@link #prepare} made (the VMM must be gone); absent parts are skipped. */
    public void release(MicroVmSpec spec, Path rootDisk) {
        for (NicSpec nic : spec.nics()) {
            if (nic.bridge() != null) {
                taps.remove(nic.hostDevName());
            }
        }
        cgroups.remove(spec.microVmId());
        disks.remove(rootDisk);
    }
}
