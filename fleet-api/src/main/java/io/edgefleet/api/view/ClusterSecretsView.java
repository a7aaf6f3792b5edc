package io.edgefleet.api.view;

import io.edgefleet.events.secret.ClusterSecretsSealed;
import io.edgefleet.events.secret.SealedKey;
import io.edgefleet.events.secret.SealedSecrets;
import io.edgefleet.pki.ClusterSecrets;
import io.edgefleet.pki.Sealed;
import io.edgefleet.pki.Sealing;
import io.edgefleet.pki.SealingException;
import io.edgefleet.pki.WrappedKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest sealing of every cluster's secrets, as placement published it on the compacted
 * {@code fleet.cluster-secrets.v1} (fed by {@link ViewFeed}; a tombstone removes the cluster). Only
 * ciphertext is kept: a cluster's secrets are opened with fleet-api's {@link ReaderKey} on each use and
 * never cached, so CA keys stay in memory only while a request needs them.
 */
@ApplicationScoped
public class ClusterSecretsView {
    private final Map<String, ClusterSecretsSealed> sealings = new ConcurrentHashMap<>();

    @Inject
    ReaderKey readerKey;

    /** The compacted topic holds the latest sealing last: each record replaces the one before. */
    public void apply(ClusterSecretsSealed sealed) {
        sealings.put(sealed.clusterId(), sealed);
    }

    public void forget(String clusterId) {
        sealings.remove(clusterId);
    }

    /** True when fleet-api holds a reader key to open secrets with. */
    public boolean canOpen() {
        return readerKey.privateKey().isPresent();
    }

    public String whyNot() {
        return readerKey.unavailableReason();
    }

    /**
     * The cluster's secrets, or empty when placement has not published them (yet).
     *
     * @throws IllegalStateException fleet-api has no reader key ({@link #canOpen()})
     * @throws SealingException      the sealing is not for fleet-api's key, or was altered
     */
    public Optional<ClusterSecrets> open(String clusterId) {
        ClusterSecretsSealed sealed = sealings.get(clusterId);
        if (sealed == null) {
            return Optional.empty();
        }
        byte[] key = readerKey.privateKey().orElseThrow(() -> new IllegalStateException(readerKey.unavailableReason()));
        byte[] content = Sealing.open(toSealed(sealed.sealed()), ReaderKey.RECIPIENT, key,
                ClusterSecretsSealed.associatedData(sealed.clusterId(), sealed.siteId()));
        return Optional.of(ClusterSecrets.decode(content));
    }

    /** The contract's base64 form to cluster-pki's bytes. */
    static Sealed toSealed(SealedSecrets sealed) {
        if (!SealedSecrets.SCHEME.equals(sealed.scheme())) {
            throw new SealingException("unknown sealing scheme " + sealed.scheme() + " (this fleet-api reads "
                    + SealedSecrets.SCHEME + ")");
        }
        Base64.Decoder base64 = Base64.getDecoder();
        try {
            return new Sealed(base64.decode(sealed.nonce()), base64.decode(sealed.ciphertext()),
                    sealed.keys().stream().map(k -> wrapped(k, base64)).toList());
        } catch (IllegalArgumentException e) {
            throw new SealingException("sealed secrets hold a field that is not base64");
        }
    }

    private static WrappedKey wrapped(SealedKey key, Base64.Decoder base64) {
        return new WrappedKey(key.recipient(), base64.decode(key.encapsulatedKey()), base64.decode(key.wrappedKey()));
    }
}
