package io.edgefleet.events.request;

import io.edgefleet.events.EventPayload;

/**
 * An operator enrolls a site's public key ({@code io.edgefleet.site.enroll-requested.v1}): from
 * then on placement accepts only reports of that site signed with this key. Enrolling a site again
 * replaces its key (key rotation); reports signed with the old key are refused from then on.
 *
 * @param siteId       the site
 * @param publicKeyPem the site's Ed25519 public key, X.509 SubjectPublicKeyInfo in PEM (the agent
 *                     writes it to {@code <key-file>.pub}); the bare base64 body is accepted too
 * @param enrolledBy   optional: who enrolled it, kept for the audit trail
 */
public record SiteEnrollRequested(String siteId, String publicKeyPem, String enrolledBy) implements EventPayload {

    @Override
    public String partitionKey() {
        return siteId;
    }

    @Override
    public String subject() {
        return siteId;
    }
}
