package io.edgefleet.agent.driver;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The desired shape of one microVM.
 *
 * @param microVmId       unique within the site; letters, digits and hyphens, at most 64 characters
 *                        (the Firecracker jailer's rule, so the same id works with and without it)
 * @param clusterId       the cluster the microVM belongs to (for reports; not interpreted here)
 * @param hostId          the host of the site inventory it must run on
 * @param vcpu            vCPUs, 1 to 32 (Firecracker's range)
 * @param memoryMib       guest memory in MiB
 * @param diskGib         size in GiB the microVM's own writable root disk is grown to (0: the base image's size)
 * @param kernelImagePath host path of the guest kernel, or null to use the driver's default
 * @param baseImage       the read-only image the microVM's own root disk is cloned from: {@code sha256:<hex>}
 *                        (content-addressed in the driver's image directory) or a host path; null for the
 *                        driver's default. No two microVMs ever write one file.
 * @param kernelArgs      kernel command line, or null to use the driver's default
 * @param nics            guest network interfaces, possibly empty
 * @param seed            the cloud-init seed the guest reads on first boot, or null for a guest without one. It holds
 *                        secrets, so it is never serialized with the spec (drivers write their records as JSON): a
 *                        driver keeps it in files of its own, readable by root only; {@link GuestSeed#toString()} hides it.
 */
public record MicroVmSpec(String microVmId, String clusterId, String hostId, int vcpu, int memoryMib, int diskGib,
                          String kernelImagePath, String baseImage, String kernelArgs, List<NicSpec> nics,
                          @JsonIgnore GuestSeed seed) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    public MicroVmSpec {
        requireId(microVmId, "microVmId");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(hostId, "hostId");
        if (vcpu < 1 || vcpu > 32) {
            throw new IllegalArgumentException("vcpu must be within [1, 32], got " + vcpu);
        }
        if (memoryMib < 1) {
            throw new IllegalArgumentException("memoryMib must be positive, got " + memoryMib);
        }
        if (diskGib < 0) {
            throw new IllegalArgumentException("diskGib must not be negative, got " + diskGib);
        }
        nics = nics == null ? List.of() : List.copyOf(nics);
        if (nics.stream().map(NicSpec::ifaceId).distinct().count() != nics.size()) {
            throw new IllegalArgumentException("nics of microVM " + microVmId + " repeat an ifaceId");
        }
    }

    /** A spec without a seed (guests that configure themselves, such as the busybox test guest). */
    public MicroVmSpec(String microVmId, String clusterId, String hostId, int vcpu, int memoryMib, int diskGib,
                       String kernelImagePath, String baseImage, String kernelArgs, List<NicSpec> nics) {
        this(microVmId, clusterId, hostId, vcpu, memoryMib, diskGib, kernelImagePath, baseImage, kernelArgs, nics, null);
    }

    /** This spec with {@code seed} as its cloud-init seed. */
    public MicroVmSpec withSeed(GuestSeed seed) {
        return new MicroVmSpec(microVmId, clusterId, hostId, vcpu, memoryMib, diskGib, kernelImagePath, baseImage, kernelArgs, nics, seed);
    }

    /** A spec without image paths or NICs (the simulated driver needs nothing more). */
    public static MicroVmSpec of(String microVmId, String clusterId, String hostId, int vcpu, int memoryMib, int diskGib) {
        return new MicroVmSpec(microVmId, clusterId, hostId, vcpu, memoryMib, diskGib, null, null, null, List.of());
    }

    /** Throws unless {@code id} is a valid microVM or interface id. */
    static void requireId(String id, String what) {
        Objects.requireNonNull(id, what);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " must be 1-64 letters, digits or hyphens (not starting with a hyphen), got '" + id + "'");
        }
    }

    /** Throws unless {@code microVmId} is a valid microVM id; drivers call it before touching files. */
    public static String checkId(String microVmId) {
        requireId(microVmId, "microVmId");
        return microVmId;
    }
}
