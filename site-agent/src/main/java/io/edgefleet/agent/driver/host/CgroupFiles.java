package io.edgefleet.agent.driver.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes cgroup control files, turning the kernel's refusals into messages that name the file. */
final class CgroupFiles {
    private CgroupFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new HostSetupException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(Path file, String value) {
        try {
            Files.writeString(file, value, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new HostSetupException("the kernel refused '" + value + "' in " + file + ": " + e.getMessage(), e);
        }
    }

    static void mkdir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new HostSetupException("cannot create cgroup " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Removes a cgroup directory (rmdir; the kernel drops its control files with it). */
    static void rmdir(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new HostSetupException("cannot remove cgroup " + dir + " (a process still in it?): " + e.getMessage(), e);
        }
    }
}
