package io.edgefleet.events.request;

import io.edgefleet.events.EventPayload;

/**
 * An operator enrolls a site's public key ({@code io.edgefleet.site.enroll-requested.v1}): from
 * then on placement accepts only reports of that site signed with this key. With {@code hostId},
 * the key is that host's (its host agent's, ADR 0022): reports carrying {@code ce_sitehost} naming
 * the host are verified with it, and the site's own key is left as it is. Enrolling the same site
 * (or the same host) again replaces that one key (key rotation); reports signed with the old key
 * are refused from then on.
 *
 * @param siteId       the site
 * @param publicKeyPem the Ed25519 public key, X.509 SubjectPublicKeyInfo in PEM (the agent writes it
 *                     to {@code <key-file>.pub}); the bare base64 body is accepted too
 * @param enrolledBy   optional: who enrolled it, kept for the audit trail
 * @param hostId       optional: the host of the site whose key this is; absent for the site's own key
 */
public record SiteEnrollRequested(String siteId, String publicKeyPem, String enrolledBy, String hostId)
        implements EventPayload {

    /** The enrolment of a site's own key (no host). */
    public SiteEnrollRequested(String siteId, String publicKeyPem, String enrolledBy) {
        this(siteId, publicKeyPem, enrolledBy, null);
    }

    @Override
    public String partitionKey() {
        return siteId;
    }

    @Override
    public String subject() {
        return siteId;
    }
}
