package io.edgefleet.events.identity;

import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The enrolled public keys of sites and of their hosts, in memory, for {@link SiteSignatureVerifier}
 * (placement keeps the enrolments durable and loads them here at start and on every enrolment).
 * A site's own key and each host's key are separate enrolments: enrolling one never touches another.
 * Thread-safe.
 *
 * <pre>{@code
 * EnrolledSiteKeys keys = new EnrolledSiteKeys();
 * keys.enroll("edge-par-01", publicKeyPem);              // a site-wide agent's key
 * keys.enroll("edge-par-01", "h3", hostPublicKeyPem);    // host h3's agent's key
 * SiteSignatureVerifier verifier = SiteSignatureVerifier.forKeys(keys::find);
 * }</pre>
 */
public final class EnrolledSiteKeys {
    /** One enrolment's identity: a site, and a host of it (null: the site's own key). */
    private record Identity(String siteId, String hostId) {
    }

    private final Map<Identity, PublicKey> keys = new ConcurrentHashMap<>();

    /**
     * Records (or replaces, for a key rotation) a site's public key.
     *
     * @throws IllegalArgumentException if the text is not an Ed25519 public key (PEM or bare base64)
     */
    public void enroll(String siteId, String publicKeyPem) {
        enroll(siteId, null, publicKeyPem);
    }

    /**
     * Records (or replaces) the key of one host of a site; {@code hostId} null: the site's own key.
     *
     * @throws IllegalArgumentException if the text is not an Ed25519 public key (PEM or bare base64)
     */
    public void enroll(String siteId, String hostId, String publicKeyPem) {
        PublicKey key = SiteKeys.parsePublicKey(publicKeyPem);
        PublicKey previous = keys.put(new Identity(siteId, hostId), key);
        if (previous != null && !previous.equals(key)) {
            SiteSignatureVerifier.keyRetired(previous);
        }
    }

    /** Forgets a site's own key (decommissioned): its reports are refused as UNKNOWN_SITE from then on. */
    public void remove(String siteId) {
        remove(siteId, null);
    }

    /** Forgets one host's key (hostId null: the site's own key). */
    public void remove(String siteId, String hostId) {
        PublicKey previous = keys.remove(new Identity(siteId, hostId));
        if (previous != null) {
            SiteSignatureVerifier.keyRetired(previous);
        }
    }

    /** The enrolled key of a site. */
    public Optional<PublicKey> find(String siteId) {
        return find(siteId, null);
    }

    /** The enrolled key of a host of a site (hostId null: the site's own key). */
    public Optional<PublicKey> find(String siteId, String hostId) {
        return siteId == null ? Optional.empty() : Optional.ofNullable(keys.get(new Identity(siteId, hostId)));
    }

    public int size() {
        return keys.size();
    }
}
