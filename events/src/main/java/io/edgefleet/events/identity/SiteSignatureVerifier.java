package io.edgefleet.events.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks that a site report was signed by the site it speaks for (placement side). The site a
 * report speaks for is the {@code siteId} in its data; the Kafka key and the JWS {@code kid} must
 * name the same site, and the signature must verify with that site's enrolled public key. So a
 * compromised site holds only its own key and cannot speak for another. Thread-safe; never throws
 * for bad input.
 *
 * <pre>{@code
 * SiteSignatureVerifier verifier = new SiteSignatureVerifier(siteId -> enrolledKeys.find(siteId));
 * SiteSignatureVerifier.Verdict v = verifier.verify(headersAsStrings, record.key(), record.value());
 * if (!v.valid()) { count(v.reason()); log(v.message()); skip(record); }
 * }</pre>
 */
public final class SiteSignatureVerifier {
    /** Why a report was accepted or refused; low-cardinality, fit for a metric tag. */
    public enum Reason {
        /** Signed by the enrolled key of the site it speaks for. */
        OK,
        /** No {@code ce_sitesig} header. */
        MISSING,
        /** The header is not a detached EdDSA JWS, or the data names no site. */
        MALFORMED,
        /** The site it speaks for has no enrolled key. */
        UNKNOWN_SITE,
        /** Key, {@code kid} and data disagree on the site. */
        WRONG_SITE,
        /** The signature does not verify with the site's enrolled key (other key, or altered content). */
        BAD_SIGNATURE
    }

    /**
     * The outcome.
     *
     * @param reason  OK or why not
     * @param siteId  the site the report speaks for, if it could be read (null otherwise)
     * @param message for the log, in an operator's words
     */
    public record Verdict(Reason reason, String siteId, String message) {
        public boolean valid() {
            return reason == Reason.OK;
        }
    }

    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    private final Function<String, Optional<PublicKey>> enrolledKeys;

    /** @param enrolledKeys the enrolled public key of a site id, empty if the site is not enrolled */
    public SiteSignatureVerifier(Function<String, Optional<PublicKey>> enrolledKeys) {
        this.enrolledKeys = Objects.requireNonNull(enrolledKeys, "enrolledKeys");
    }

    /** Verifies one Kafka record of {@code fleet.site-reports.v1} (headers as UTF-8 strings). */
    public Verdict verify(Map<String, String> headers, String recordKey, byte[] value) {
        String speaksFor = siteOf(value);
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
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3 || !parts[1].isEmpty()) {
            return new Verdict(Reason.MALFORMED, speaksFor, "signature is not a detached compact JWS");
        }
        JsonNode header;
        byte[] signature;
        try {
            header = EventJson.mapper().readTree(B64.decode(parts[0]));
            signature = B64.decode(parts[2]);
        } catch (Exception e) {
            return new Verdict(Reason.MALFORMED, speaksFor, "signature is not a readable JWS: " + e.getClass().getSimpleName());
        }
        if (header == null || !SiteSignatures.JWS_ALGORITHM.equals(header.path("alg").asText())) {
            return new Verdict(Reason.MALFORMED, speaksFor, "signature algorithm must be " + SiteSignatures.JWS_ALGORITHM);
        }
        String kid = header.path("kid").asText("");
        if (!kid.equals(speaksFor)) {
            return new Verdict(Reason.WRONG_SITE, speaksFor, "report speaks for site " + speaksFor
                    + " but is signed as site '" + kid + "'");
        }
        Optional<PublicKey> key = enrolledKeys.apply(speaksFor);
        if (key == null || key.isEmpty()) {
            return new Verdict(Reason.UNKNOWN_SITE, speaksFor, "site " + speaksFor + " is not enrolled (no public key)");
        }
        byte[] content = SignedContent.of(headers.get(CloudEventHeaders.ID), headers.get(CloudEventHeaders.TYPE),
                headers.get(CloudEventHeaders.SOURCE), headers.get(CloudEventHeaders.SUBJECT), recordKey, value);
        String signingInput = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(content);
        if (Ed25519Verification.verify(key.get(), signingInput.getBytes(StandardCharsets.US_ASCII), signature)) {
            return new Verdict(Reason.OK, speaksFor, "signed by site " + speaksFor);
        }
        return new Verdict(Reason.BAD_SIGNATURE, speaksFor, "signature of a report for site " + speaksFor
                + " does not match its enrolled key (signed by another key, or the report was altered)");
    }

    /**
     * A key is no longer enrolled (the site rotated it, or was removed): frees what was cached to
     * verify with it. Correctness does not depend on this (the cache is keyed by the key's bytes);
     * it only keeps retired keys from lingering until they age out.
     */
    public static void keyRetired(PublicKey key) {
        Ed25519Verification.forget(key);
    }

    private static String siteOf(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode data = EventJson.mapper().readTree(value);
            JsonNode site = data == null ? null : data.get("siteId");
            return site != null && site.isTextual() && !site.asText().isBlank() ? site.asText() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
