package io.edgefleet.agent.identity;

import io.edgefleet.events.identity.KeyPairFiles;
import io.edgefleet.events.identity.SiteKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
                KeyPairFiles.create(file);
            }
            return SiteKeys.parsePrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("site key file " + file + " cannot be read or created: " + e, e);
        }
    }

    /** Where the public key to enroll is written. */
    public static Path publicKeyFile(Path file) {
        return KeyPairFiles.publicKeyFile(file);
    }
}
