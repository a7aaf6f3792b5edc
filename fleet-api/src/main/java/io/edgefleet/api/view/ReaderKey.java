package io.edgefleet.api.view;

import io.edgefleet.pki.X25519Keys;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * fleet-api's X25519 key as a reader of clusters' sealed secrets (recipient {@value #RECIPIENT}, docs/adr/0024),
 * read once at start from {@code edgefleet.api.secrets.reader-key-file} (base64 of 32 bytes). Without it
 * fleet-api still serves everything else; only what needs a cluster's secrets answers 503. The log shows
 * the matching public key, which placement needs in its list of readers, and never the private one.
 */
@ApplicationScoped
public class ReaderKey {
    public static final String RECIPIENT = "reader:fleet-api";
    private static final Logger LOG = Logger.getLogger(ReaderKey.class);

    @ConfigProperty(name = "edgefleet.api.secrets.reader-key-file")
    Optional<String> keyFile;

    private volatile byte[] privateKey;
    private volatile String unavailable = "not loaded yet";

    void load(@Observes StartupEvent event) {
        if (keyFile.isEmpty() || keyFile.get().isBlank()) {
            unavailable = "fleet-api has no reader key (edgefleet.api.secrets.reader-key-file is not set)";
        } else {
            load(Path.of(keyFile.get()));
        }
        if (privateKey == null) {
            LOG.warnf("%s: cluster kubeconfigs cannot be issued (503) until it is set and fleet-api restarted;"
                    + " make one with: head -c 32 /dev/urandom | base64 > reader.key && chmod 600 reader.key",
                    unavailable);
        } else {
            LOG.infof("reader key loaded: clusters' secrets are opened as %s; placement seals for it with"
                    + " edgefleet.placement.secrets.readers=fleet-api=%s", RECIPIENT,
                    Base64.getEncoder().encodeToString(X25519Keys.publicOf(privateKey)));
        }
    }

    /** The private key, or empty when fleet-api has none (see {@link #unavailableReason()}). */
    public Optional<byte[]> privateKey() {
        byte[] key = privateKey;
        return key == null ? Optional.empty() : Optional.of(key.clone());
    }

    public String unavailableReason() {
        return unavailable;
    }

    private void load(Path file) {
        if (!Files.isReadable(file)) {
            unavailable = "reader key file " + file + " is missing or unreadable";
            return;
        }
        try {
            warnIfOthersMayRead(file);
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length != X25519Keys.KEY_SIZE) {
                unavailable = "reader key file " + file + " must hold base64 of 32 bytes, holds " + key.length;
                return;
            }
            privateKey = key;
            unavailable = null;
        } catch (IOException e) {
            unavailable = "reader key file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")";
        } catch (IllegalArgumentException e) {
            // Never the content in the message: it is the key.
            unavailable = "reader key file " + file + " is not base64";
        }
    }

    private static void warnIfOthersMayRead(Path file) throws IOException {
        try {
            var permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(PosixFilePermission.GROUP_READ)) {
                LOG.warnf("reader key file %s is readable by others than its owner: chmod 600 it", file);
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system.
        }
    }
}
