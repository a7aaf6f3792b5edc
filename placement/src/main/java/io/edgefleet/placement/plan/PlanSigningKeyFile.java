package io.edgefleet.placement.plan;

import io.edgefleet.events.identity.KeyPairFiles;
import io.edgefleet.events.identity.PlanSignatures;
import io.edgefleet.events.identity.SiteKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.util.EnumSet;
import java.util.Set;

/**
 * Placement's plan-signing key on disk: an Ed25519 private key in PKCS#8 PEM, readable by its owner
 * only (as the key-encryption key, ADR 0024). In production it comes from a Secret; a local fleet lets
 * placement make it on first start, with the public key beside it ({@code <file>.pub}) for the agents.
 * A key that is missing, open to others or not a key fails placement's start, naming the file only.
 */
final class PlanSigningKeyFile {
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PlanSigningKeyFile() {
    }

    /**
     * The key in the file, made first if {@code create} and there is none.
     *
     * @throws IllegalArgumentException naming the file, if it cannot be used
     */
    static PrivateKey load(Path file, boolean create) {
        String pem;
        try {
            if (create && !Files.exists(file)) {
                KeyPairFiles.create(file);
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("plan-signing key file " + file + " does not exist");
            }
            checkOwnerOnly(file);
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("plan-signing key file " + file + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
        try {
            PrivateKey key = SiteKeys.parsePrivateKey(pem);
            PlanSignatures.publicKeyOf(key); // a key whose public half cannot be named cannot sign plans
            return key;
        } catch (IllegalArgumentException e) {
            // Never the key's text in a message: only the file's name.
            throw new IllegalArgumentException("plan-signing key file " + file
                    + " is not an Ed25519 private key in PKCS#8 PEM");
        }
    }

    private static void checkOwnerOnly(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> open = EnumSet.copyOf(GROUP_OR_OTHER);
            open.retainAll(permissions);
            if (!open.isEmpty()) {
                throw new IllegalArgumentException("plan-signing key file " + file + " must be readable by its owner"
                        + " only (chmod 600), has " + PosixFilePermissions.toString(permissions));
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to check.
        }
    }
}
