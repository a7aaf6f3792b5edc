package io.edgefleet.events.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;

/**
 * A new Ed25519 key pair on disk, as an agent makes its site key and placement its plan-signing key: the
 * private key in PKCS#8 PEM, readable by its owner only, and the public key beside it ({@code <file>.pub})
 * for an operator to hand on (enrol, or give to the agents).
 */
public final class KeyPairFiles {
    private KeyPairFiles() {
    }

    /** Where the public half of the key in {@code file} is written. */
    public static Path publicKeyFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".pub");
    }

    /**
     * Makes a new pair: {@code file} (mode 0600) and its {@code .pub}. The private key appears whole or not at
     * all (written aside, then renamed within its directory), and an existing one is never replaced: the
     * rename fails if another process made it first.
     */
    public static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        KeyPair pair = SiteKeys.generate();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            Files.writeString(tmp, SiteKeys.privateKeyPem(pair.getPrivate()), StandardCharsets.US_ASCII);
            Files.writeString(publicKeyFile(file), SiteKeys.publicKeyPem(pair.getPublic()), StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
