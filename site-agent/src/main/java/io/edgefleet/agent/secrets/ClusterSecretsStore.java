package io.edgefleet.agent.secrets;

import io.edgefleet.events.secret.ClusterSecretsSealed;
import io.edgefleet.events.secret.SealedKey;
import io.edgefleet.events.secret.SealedSecrets;
import io.edgefleet.pki.ClusterSecrets;
import io.edgefleet.pki.Sealed;
import io.edgefleet.pki.Sealing;
import io.edgefleet.pki.WrappedKey;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The opened secrets of this site's clusters, in memory only (they are read again from the compacted topic on
 * every start, so nothing secret is ever written by the agent except into a microVM's own seed). Sealings
 * this agent is not a recipient of (another site sharing the partition, or a key enrolled after the sealing)
 * are counted and skipped; a newer generation replaces an older one.
 */
public final class ClusterSecretsStore {
    private static final Logger LOG = Logger.getLogger(ClusterSecretsStore.class);

    private final String siteId;
    private final AgentRecipient recipient;
    private final Map<String, Opened> byCluster = new ConcurrentHashMap<>();

    private record Opened(long generation, ClusterSecrets secrets) {
    }

    public ClusterSecretsStore(String siteId, AgentRecipient recipient) {
        this.siteId = siteId;
        this.recipient = recipient;
    }

    /** What became of one sealing. */
    public enum Accepted { OPENED, OLDER, OTHER_SITE, NOT_A_RECIPIENT, UNREADABLE }

    public Accepted accept(ClusterSecretsSealed event) {
        if (!siteId.equals(event.siteId())) {
            return Accepted.OTHER_SITE;
        }
        Opened known = byCluster.get(event.clusterId());
        if (known != null && known.generation() >= event.generation()) {
            return Accepted.OLDER;
        }
        if (event.sealed().keys().stream().noneMatch(k -> k.recipient().equals(recipient.id()))) {
            LOG.warnf("the secrets of cluster %s (generation %d) are not sealed for %s: is this agent's key enrolled?",
                    event.clusterId(), event.generation(), recipient.id());
            return Accepted.NOT_A_RECIPIENT;
        }
        try {
            byte[] plain = Sealing.open(toSealed(event.sealed()), recipient.id(), recipient.x25519Private(),
                    ClusterSecretsSealed.associatedData(event.clusterId(), event.siteId()));
            byCluster.put(event.clusterId(), new Opened(event.generation(), ClusterSecrets.decode(plain)));
            return Accepted.OPENED;
        } catch (RuntimeException e) {
            // Never the content: only that it did not open (wrong key, altered ciphertext).
            LOG.warnf("the secrets of cluster %s (generation %d) did not open for %s: %s", event.clusterId(),
                    event.generation(), recipient.id(), e.getClass().getSimpleName());
            return Accepted.UNREADABLE;
        }
    }

    /** The cluster is gone (a tombstone): forget its secrets. */
    public boolean remove(String clusterId) {
        return byCluster.remove(clusterId) != null;
    }

    public Optional<ClusterSecrets> of(String clusterId) {
        return Optional.ofNullable(byCluster.get(clusterId)).map(Opened::secrets);
    }

    public int size() {
        return byCluster.size();
    }

    static Sealed toSealed(SealedSecrets wire) {
        Base64.Decoder b64 = Base64.getDecoder();
        return new Sealed(b64.decode(wire.nonce()), b64.decode(wire.ciphertext()), wire.keys().stream()
                .map((SealedKey k) -> new WrappedKey(k.recipient(), b64.decode(k.encapsulatedKey()), b64.decode(k.wrappedKey())))
                .toList());
    }
}
