package io.edgefleet.localstack.fleet;

import io.edgefleet.localstack.PrivateFiles;
import io.edgefleet.pki.X25519Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * The local fleet's keys for cluster secrets (ADR 0024), under the run directory, made on the first start and
 * reused on every later one (so clusters issued before a restart still open): placement's key-encryption key
 * ({@code secrets/kek}) and fleet-api's reader key pair ({@code secrets/fleet-api-reader.key}), each base64 of
 * 32 bytes in a file only its owner may read. Placement gets the KEK and fleet-api's public key as its reader;
 * fleet-api gets its private key.
 */
public final class ClusterSecretKeys {
    static final String READER = "fleet-api";

    private ClusterSecretKeys() {
    }

    /** Placement's settings: its key-encryption key and fleet-api as a reader. */
    public static Map<String, String> placementConfig(Path runDir) throws IOException {
        Path kek = keyFile(runDir, "kek", ClusterSecretKeys::randomKey);
        byte[] reader = readKey(keyFile(runDir, READER + "-reader.key", () -> X25519Keys.generate()[0]));
        try {
            return Map.of("edgefleet.placement.secrets.kek-file", kek.toString(),
                    "edgefleet.placement.secrets.readers",
                    READER + "=" + Base64.getEncoder().encodeToString(X25519Keys.publicOf(reader)));
        } finally {
            Arrays.fill(reader, (byte) 0);
        }
    }

    /** fleet-api's setting: the file of its reader private key. */
    public static Map<String, String> fleetApiConfig(Path runDir) throws IOException {
        return Map.of("edgefleet.api.secrets.reader-key-file",
                keyFile(runDir, READER + "-reader.key", () -> X25519Keys.generate()[0]).toString());
    }

    private interface KeyMaker {
        byte[] make();
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The key file, written (0600, atomically) with a new key if there is none yet. */
    private static Path keyFile(Path runDir, String name, KeyMaker maker) throws IOException {
        Path dir = runDir.toAbsolutePath().resolve("secrets");
        Path file = dir.resolve(name);
        if (Files.exists(file)) {
            return file;
        }
        byte[] key = maker.make();
        try {
            PrivateFiles.write(file, Base64.getEncoder().encodeToString(key) + "\n");
            return file;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] readKey(Path file) throws IOException {
        return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
    }
}
