package io.edgefleet.events.identity;

import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The enrolled public keys of sites, in memory, for {@link SiteSignatureVerifier} (placement keeps
 * the enrolments durable and loads them here at start and on every enrolment). Thread-safe.
 *
 * <pre>{@code
 * EnrolledSiteKeys keys = new EnrolledSiteKeys();
 * keys.enroll("edge-par-01", publicKeyPem);          // from the enrolment fleet-api recorded
 * SiteSignatureVerifier verifier = new SiteSignatureVerifier(keys::find);
 * }</pre>
 */
public final class EnrolledSiteKeys {
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();

    /**
     * Records (or replaces, for a key rotation) a site's public key.
     *
     * @throws IllegalArgumentException if the text is not an Ed25519 public key (PEM or bare base64)
     */
    public void enroll(String siteId, String publicKeyPem) {
        PublicKey key = SiteKeys.parsePublicKey(publicKeyPem);
        PublicKey previous = keys.put(siteId, key);
        if (previous != null && !previous.equals(key)) {
            SiteSignatureVerifier.keyRetired(previous);
        }
    }

    /** Forgets a site (decommissioned): its reports are refused as UNKNOWN_SITE from then on. */
    public void remove(String siteId) {
        PublicKey previous = keys.remove(siteId);
        if (previous != null) {
            SiteSignatureVerifier.keyRetired(previous);
        }
    }

    /** The enrolled key of a site. */
    public Optional<PublicKey> find(String siteId) {
        return siteId == null ? Optional.empty() : Optional.ofNullable(keys.get(siteId));
    }

    public int size() {
        return keys.size();
    }
}
