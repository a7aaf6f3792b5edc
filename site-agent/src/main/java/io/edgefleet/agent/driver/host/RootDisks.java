package io.edgefleet.agent.driver.host;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The writable root disk of one microVM: a clone of a base image, never shared. The clone is a reflink
 * where the file system has them (XFS, btrfs: instant, shares blocks until written) and a sparse copy
 * otherwise (ext4: holes stay holes), made under a temporary name and renamed, so a crash mid-copy never
 * leaves a half disk that looks finished. It is then grown to the planned size (the guest grows its file
 * system into the space, as cloud-init's growpart does).
 *
 * @param cp how {@code cp} is run (GNU cp knows reflinks and sparse files; Java's copy knows neither)
 */
public record RootDisks(HostCommand cp) {

    private static final long GIB = 1L << 30;

    /** Clones {@code base} to {@code disk} unless {@code disk} exists, then grows it to {@code diskGib} (never shrinks). */
    public void ensure(BaseImages.Image base, Path disk, int diskGib) {
        try {
            if (!Files.exists(disk)) {
                Path partial = disk.resolveSibling(disk.getFileName() + ".partial");
                Files.deleteIfExists(partial);
                cp.require("clone base image " + base.digest() + " for " + disk.getParent().getFileName(),
                        List.of("cp", "--reflink=auto", "--sparse=always", base.file().toString(), partial.toString()));
                Files.move(partial, disk, StandardCopyOption.ATOMIC_MOVE);
            }
            long wanted = diskGib * GIB;
            try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
                if (f.length() < wanted) {
                    f.setLength(wanted); // sparse: costs no blocks until the guest writes
                }
            }
        } catch (IOException e) {
            throw new HostSetupException("cannot make root disk " + disk + ": " + e.getMessage(), e);
        }
    }

    /** Removes a microVM's disk and any half-made clone of it. */
    public void remove(Path disk) {
        try {
            Files.deleteIfExists(disk);
            Files.deleteIfExists(disk.resolveSibling(disk.getFileName() + ".partial"));
        } catch (IOException e) {
            throw new HostSetupException("cannot remove root disk " + disk + ": " + e.getMessage(), e);
        }
    }
}
