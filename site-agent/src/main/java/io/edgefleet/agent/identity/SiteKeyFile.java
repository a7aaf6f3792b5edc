package io.edgefleet.agent.identity;

import io.edgefleet.events.identity.SiteKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;

/**
 * The site's private key on disk (PKCS#8 PEM, mode 0600). Made on first start if absent, with the
 * public key beside it ({@code <file>.pub}) for the operator to enroll; never overwritten, so a
 * restart or an upgrade keeps the site's identity.
 */
public final class SiteKeyFile {
    private SiteKeyFile() {
    }

    /** Reads the key, creating the pair first if the file does not exist. */
    public static PrivateKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return SiteKeys.parsePrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("site key file " + file + " cannot be read or created: " + e, e);
        }
    }

    /** Where the public key to enroll is written. */
    public static Path publicKeyFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".pub");
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        KeyPair pair = SiteKeys.generate();
        Path tmp = Files.createTempFile(dir, ".site-key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            Files.writeString(tmp, SiteKeys.privateKeyPem(pair.getPrivate()), StandardCharsets.US_ASCII);
            Files.writeString(publicKeyFile(file), SiteKeys.publicKeyPem(pair.getPublic()), StandardCharsets.US_ASCII);
            // A rename within one directory: the key file appears whole or not at all.
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
