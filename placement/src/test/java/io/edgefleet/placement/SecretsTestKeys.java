package io.edgefleet.placement;

import io.edgefleet.pki.X25519Keys;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The issuer switched on for a test: a key-encryption key file (0600) and a test reader's X25519 key pair,
 * kept in files under target/ so the profile (which configures placement) and the test (which opens what
 * placement sealed) read the same keys whatever class loader each runs in.
 */
public final class SecretsTestKeys implements QuarkusTestProfile {
    static final Path DIR = Path.of("target", "cluster-secrets-test");
    static final String READER = "test-reader";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("edgefleet.placement.secrets.kek-file", kekFile().toAbsolutePath().toString(),
                "edgefleet.placement.secrets.readers", READER + "=" + Base64.getEncoder()
                        .encodeToString(X25519Keys.publicOf(readerPrivateKey())));
    }

    /** The reader's X25519 private key, made on first use. */
    static byte[] readerPrivateKey() {
        return Base64.getDecoder().decode(read("reader.key", () -> X25519Keys.generate()[0]));
    }

    static Path kekFile() {
        read("kek", () -> {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return key;
        });
        return DIR.resolve("kek");
    }

    private interface Maker {
        byte[] make();
    }

    private static synchronized String read(String name, Maker maker) {
        Path file = DIR.resolve(name);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(DIR);
                Path tmp = Files.createTempFile(DIR, name, ".tmp");
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                Files.writeString(tmp, Base64.getEncoder().encodeToString(maker.make()));
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
