package io.edgefleet.agent.driver.vmm;

import io.edgefleet.agent.driver.GuestSeed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The cloud-init seed of one microVM kept in its state directory, readable by root only:
 * <pre>
 *   &lt;state-dir&gt;/&lt;microVmId&gt;/seed/            0700
 *                               meta-data      0600
 *                               user-data      0600 (holds the node's keys and bootstrap token)
 *                               network-config 0600 (absent when the seed has none)
 * </pre>
 * Written once at create, before the VMM starts; a driver that resumes a half-configured microVM after an
 * agent restart reads it back from here (the spec in the driver's JSON record never carries the seed).
 * Removed with the state directory.
 */
public final class SeedFiles {
    public static final String META_DATA = "meta-data";
    public static final String USER_DATA = "user-data";
    public static final String NETWORK_CONFIG = "network-config";

    private SeedFiles() {
    }

    /** The seed directory inside a microVM's state directory. */
    public static Path dir(Path vmDir) {
        return vmDir.resolve("seed");
    }

    /** Writes the seed's documents into {@code vmDir/seed}, each created 0600 before a byte is written. */
    public static Path write(Path vmDir, GuestSeed seed) throws IOException {
        Path dir = dir(vmDir);
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        writePrivate(dir.resolve(META_DATA), seed.metaData());
        writePrivate(dir.resolve(USER_DATA), seed.userData());
        Files.deleteIfExists(dir.resolve(NETWORK_CONFIG));
        if (seed.networkConfig() != null) {
            writePrivate(dir.resolve(NETWORK_CONFIG), seed.networkConfig());
        }
        return dir;
    }

    /** The seed written for this microVM, if it has one. */
    public static Optional<GuestSeed> read(Path vmDir) throws IOException {
        Path dir = dir(vmDir);
        if (!Files.exists(dir.resolve(META_DATA)) || !Files.exists(dir.resolve(USER_DATA))) {
            return Optional.empty();
        }
        Path network = dir.resolve(NETWORK_CONFIG);
        return Optional.of(new GuestSeed(Files.readString(dir.resolve(META_DATA), StandardCharsets.UTF_8),
                Files.readString(dir.resolve(USER_DATA), StandardCharsets.UTF_8),
                Files.exists(network) ? Files.readString(network, StandardCharsets.UTF_8) : null));
    }

    /**
     * Creates {@code file} with mode 0600 and then writes it: created with the mode, not chmod-ed afterwards, so the
     * secret is never readable by others, not even for an instant.
     */
    public static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
