package io.edgefleet.events.identity;

import io.edgefleet.events.CloudEventHeaders;
import java.security.PublicKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks that a site report was signed by the site it speaks for (placement side). The site a
 * report speaks for is the {@code siteId} in its data; the Kafka key and the JWS {@code kid} must
 * name the same site, and the signature must verify with that site's enrolled public key. So a
 * compromised site holds only its own key and cannot speak for another.
 *
 * <p>A report with {@code ce_sitehost} (a host agent's, ADR 0022) is verified with the key enrolled
 * for that host of the site instead, never the site's key, in one lookup; and once verified it may
 * speak only for that host: its data's {@code hostId} must name it, except for site-level reports
 * (cluster bootstrap), which the host the plan names for the site's steps sends. So a compromised
 * host cannot speak for the other hosts of its site either. Reports without {@code ce_sitehost}
 * are checked exactly as before. Thread-safe; never throws for bad input.
 *
 * <pre>{@code
 * SiteSignatureVerifier verifier = SiteSignatureVerifier.forKeys((siteId, hostId) -> enrolled.find(siteId, hostId));
 * SiteSignatureVerifier.Verdict v = verifier.verify(headersAsStrings, record.key(), record.value());
 * if (!v.valid()) { count(v.reason()); log(v.message()); skip(record); }
 * }</pre>
 */
public final class SiteSignatureVerifier {
    /** Why a report was accepted or refused; low-cardinality, fit for a metric tag. */
    public enum Reason {
        /** Signed by the enrolled key of the site (or host) it speaks for. */
        OK,
        /** No {@code ce_sitesig} header. */
        MISSING,
        /** The header is not a detached EdDSA JWS, {@code ce_sitehost} is not a host id, or the data names no site. */
        MALFORMED,
        /** The site it speaks for has no enrolled key. */
        UNKNOWN_SITE,
        /** Key, {@code kid} and data disagree on the site. */
        WRONG_SITE,
        /** The signature does not verify with the enrolled key (other key, or altered content). */
        BAD_SIGNATURE,
        /** The host named by {@code ce_sitehost} has no key enrolled for it at that site. */
        UNKNOWN_HOST,
        /** Validly signed by a host's key, but speaks for another host of the site (or for the whole site). */
        WRONG_HOST,
        /**
         * Validly signed, but its sequence number is not newer than one already accepted from its signer:
         * a copy of an earlier report (ADR 0027). Never returned by {@link #verify}: the receiver, which
         * remembers sequences, decides it.
         */
        REPLAYED,
        /**
         * Validly signed, but signed too long ago, or ahead of the receiver's clock by more than the skew it
         * tolerates (ADR 0027). Never returned by {@link #verify}: the receiver, which knows the time, decides it.
         */
        STALE
    }

    /**
     * The outcome.
     *
     * @param reason  OK or why not
     * @param siteId  the site the report speaks for, if it could be read (null otherwise)
     * @param message for the log, in an operator's words
     * @param hostId  the host whose key the report claims ({@code ce_sitehost}); null for site-wide reports
     */
    public record Verdict(Reason reason, String siteId, String message, String hostId) {
        /** A verdict on a report without a host header. */
        public Verdict(Reason reason, String siteId, String message) {
            this(reason, siteId, message, null);
        }

        public boolean valid() {
            return reason == Reason.OK;
        }
    }

    private final EnrolledKeyLookup enrolledKeys;

    /**
     * A verifier of site-wide signatures only: a report with {@code ce_sitehost} finds no key
     * (UNKNOWN_HOST).
     *
     * @param enrolledKeys the enrolled public key of a site id, empty if the site is not enrolled
     */
    public SiteSignatureVerifier(Function<String, Optional<PublicKey>> enrolledKeys) {
        Objects.requireNonNull(enrolledKeys, "enrolledKeys");
        this.enrolledKeys = (siteId, hostId) -> hostId == null ? enrolledKeys.apply(siteId) : Optional.empty();
    }

    private SiteSignatureVerifier(EnrolledKeyLookup enrolledKeys) {
        this.enrolledKeys = Objects.requireNonNull(enrolledKeys, "enrolledKeys");
    }

    /** A verifier of site and host signatures, finding each report's key by (site, host). */
    public static SiteSignatureVerifier forKeys(EnrolledKeyLookup enrolledKeys) {
        return new SiteSignatureVerifier(enrolledKeys);
    }

    /** Verifies one Kafka record of {@code fleet.site-reports.v1} (headers as UTF-8 strings). */
    public Verdict verify(Map<String, String> headers, String recordKey, byte[] value) {
        ReportClaims claims = ReportClaims.of(value);
        String speaksFor = claims.siteId();
        if (speaksFor == null) {
            return new Verdict(Reason.MALFORMED, null, "the report's data names no siteId");
        }
        String jws = headers == null ? null : headers.get(SiteSignatures.HEADER);
        if (jws == null || jws.isBlank()) {
            return new Verdict(Reason.MISSING, speaksFor, "report for site " + speaksFor + " carries no "
                    + SiteSignatures.HEADER + " signature");
        }
        if (recordKey != null && !recordKey.equals(speaksFor)) {
            return new Verdict(Reason.WRONG_SITE, speaksFor, "record key " + recordKey
                    + " differs from the site the report speaks for (" + speaksFor + ")");
        }
        String host = headers.get(SiteSignatures.HOST_HEADER);
        if (host != null && !SiteSignatures.HOST_ID.matcher(host).matches()) {
            return new Verdict(Reason.MALFORMED, speaksFor, SiteSignatures.HOST_HEADER + " is not a host id");
        }
        DetachedJws parsed;
        try {
            parsed = DetachedJws.parse(jws);
        } catch (DetachedJws.Unreadable e) {
            return new Verdict(Reason.MALFORMED, speaksFor, "signature is " + e.getMessage(), host);
        }
        if (!parsed.eddsa()) {
            return new Verdict(Reason.MALFORMED, speaksFor, "signature algorithm must be "
                    + SiteSignatures.JWS_ALGORITHM, host);
        }
        String kid = parsed.keyId();
        if (!kid.equals(speaksFor)) {
            return new Verdict(Reason.WRONG_SITE, speaksFor, "report speaks for site " + speaksFor
                    + " but is signed as site '" + kid + "'", host);
        }
        String signer = host == null ? "site " + speaksFor : "host " + host + " of site " + speaksFor;
        Optional<PublicKey> key = enrolledKeys.find(speaksFor, host);
        if (key == null || key.isEmpty()) {
            return host == null
                    ? new Verdict(Reason.UNKNOWN_SITE, speaksFor, "site " + speaksFor + " is not enrolled (no public key)")
                    : new Verdict(Reason.UNKNOWN_HOST, speaksFor, signer + " is not enrolled (no public key)", host);
        }
        byte[] content = SignedContent.of(headers.get(CloudEventHeaders.ID), headers.get(CloudEventHeaders.TYPE),
                headers.get(CloudEventHeaders.SOURCE), headers.get(CloudEventHeaders.SUBJECT), recordKey, host, value);
        if (!Ed25519Verification.verify(key.get(), DetachedJws.signingInput(parsed.encodedHeader(), content),
                parsed.signature())) {
            return new Verdict(Reason.BAD_SIGNATURE, speaksFor, "signature of a report for " + signer
                    + " does not match its enrolled key (signed by another key, or the report was altered)", host);
        }
        // Checked after the signature, so WRONG_HOST always means a genuine host key overreaching.
        if (host != null && !siteLevel(headers.get(CloudEventHeaders.TYPE)) && !host.equals(claims.hostId())) {
            return new Verdict(Reason.WRONG_HOST, speaksFor, "report signed by " + signer + " speaks for "
                    + (claims.hostId() == null ? "no host (a host identity speaks only for its own host)"
                    : "host " + claims.hostId()), host);
        }
        return new Verdict(Reason.OK, speaksFor, "signed by " + signer, host);
    }

    private static boolean siteLevel(String type) {
        return type != null && SiteSignatures.SITE_LEVEL_TYPES.contains(type);
    }

    /**
     * A key is no longer enrolled (the site rotated it, or was removed): frees what was cached to
     * verify with it. Correctness does not depend on this (the cache is keyed by the key's bytes);
     * it only keeps retired keys from lingering until they age out.
     */
    public static void keyRetired(PublicKey key) {
        Ed25519Verification.forget(key);
    }
}
