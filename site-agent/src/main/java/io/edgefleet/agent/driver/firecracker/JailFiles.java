package io.edgefleet.agent.driver.firecracker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts a host file inside a jail so the jailed firecracker can open it, and returns the path it has
 * inside the jail. Hard links cost nothing and keep one copy of a large image; a copy is the
 * fallback when the jail is on another file system. The file is handed to the jail's user, because
 * firecracker runs unprivileged there.
 */
final class JailFiles {

    private JailFiles() {
    }

    static String place(Path jailRoot, Path hostFile, String nameInJail, int uid, int gid) throws IOException {
        Path target = jailRoot.resolve(nameInJail);
        if (!Files.exists(target)) {
            Files.createDirectories(jailRoot);
            try {
                Files.createLink(target, hostFile);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(hostFile, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        try {
            Files.setAttribute(target, "unix:uid", uid);
            Files.setAttribute(target, "unix:gid", gid);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // Not a POSIX file system with unix attributes: nothing to hand over.
        }
        return "/" + nameInJail;
    }
}
