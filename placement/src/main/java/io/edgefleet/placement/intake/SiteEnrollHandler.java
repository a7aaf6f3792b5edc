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
 * Decides a site enrolment: records the site's public key, or one host's key when the request names
 * a host (replacing an earlier one of the same site or host: rotation), in the batch's transaction.
 * The site need not have reported yet; enrolling first is the normal order.
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
        // With a hostId, only that host's key is recorded or rotated (ADR 0022); the site's stays.
        store.enroll(batch.tx(), request.siteId(), request.hostId(), SiteKeys.publicKeyPem(key), request.enrolledBy());
        keys.enrolled(request.siteId(), request.hostId());
        return Outcome.accept();
    }
}
