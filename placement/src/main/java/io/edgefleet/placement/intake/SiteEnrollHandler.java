package io.edgefleet.placement.intake;

import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.request.SiteEnrollRequested;
import io.edgefleet.placement.identity.EnrolledKeys;
import io.edgefleet.placement.identity.SiteKeyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.sql.SQLException;
import java.util.List;

/**
 * Decides a site enrolment: records the site's public key (replacing an earlier one: rotation) in
 * the batch's transaction. The site need not have reported yet; enrolling first is the normal order.
 */
@ApplicationScoped
class SiteEnrollHandler {
    @Inject
    SiteKeyStore store;
    @Inject
    EnrolledKeys keys;

    Outcome handle(Batch batch, SiteEnrollRequested request) throws SQLException {
        PublicKey key;
        try {
            key = SiteKeys.parsePublicKey(request.publicKeyPem());
        } catch (IllegalArgumentException e) {
            // The contract's validation refuses such keys already; this guards a reader ahead of it.
            return Outcome.reject("INVALID_REQUEST", "$.publicKeyPem: must be an Ed25519 public key in PEM"
                    + " (-----BEGIN PUBLIC KEY----- ...): " + e.getMessage(), List.of("$.publicKeyPem"));
        }
        // Stored in one canonical PEM form, whichever form the operator sent.
        store.enroll(batch.tx(), request.siteId(), SiteKeys.publicKeyPem(key), request.enrolledBy());
        keys.enrolled(request.siteId());
        return Outcome.accept();
    }
}
