package io.edgefleet.api.kubeconfig;

import io.edgefleet.events.secret.ClusterSecretsSealed;
import io.edgefleet.events.secret.SealedKey;
import io.edgefleet.events.secret.SealedSecrets;
import io.edgefleet.pki.ClusterSecrets;
import io.edgefleet.pki.Recipient;
import io.edgefleet.pki.Sealed;
import io.edgefleet.pki.Sealing;
import io.edgefleet.pki.X25519Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Seals a cluster's secrets as placement does: for the site's agent and, optionally, fleet-api's test reader key. */
final class SecretsFixture {
    /** The key the test profile gives fleet-api (edgefleet.api.secrets.reader-key-file). */
    static final Path TEST_READER_KEY = Path.of("src/test/resources/test-reader-key.b64");

    private SecretsFixture() {
    }

    static ClusterSecretsSealed sealed(ClusterSecrets secrets, String team, String siteId, boolean forFleetApi) {
        List<Recipient> recipients = new ArrayList<>();
        recipients.add(new Recipient("site:" + siteId, X25519Keys.generate()[1]));
        if (forFleetApi) {
            recipients.add(new Recipient("reader:fleet-api", X25519Keys.publicOf(readerPrivateKey())));
        }
        Sealed sealed = Sealing.seal(secrets.encode(), ClusterSecretsSealed.associatedData(secrets.clusterId(), siteId),
                recipients);
        Base64.Encoder base64 = Base64.getEncoder();
        return new ClusterSecretsSealed(secrets.clusterId(), team, siteId, 1, new SealedSecrets(SealedSecrets.SCHEME,
                base64.encodeToString(sealed.nonce()), base64.encodeToString(sealed.ciphertext()),
                sealed.keys().stream().map(k -> new SealedKey(k.recipient(), base64.encodeToString(k.encapsulatedKey()),
                        base64.encodeToString(k.wrappedKey()))).toList()), Instant.now());
    }

    static byte[] readerPrivateKey() {
        try {
            return Base64.getDecoder().decode(Files.readString(TEST_READER_KEY, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
