package io.edgefleet.events.identity;

import io.edgefleet.events.CloudEventHeaders;
import java.security.PublicKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that a site plan was signed by placement (agent side, ADR 0027), with any one of a set of
 * trusted public keys: during a rotation an agent trusts the old key and the new one, and each plan names
 * the key it was signed with ({@code kid}), so one lookup and one verification decide. Thread-safe; never
 * throws for bad input. Whether a plan is newer than the one applied is the caller's to judge: this
 * checks who wrote it.
 *
 * <pre>{@code
 * PlanSignatureVerifier verifier = new PlanSignatureVerifier(List.of(currentKey, nextKey));
 * PlanSignatureVerifier.Verdict v = verifier.verify(headers, record.key(), record.value(), plan.version());
 * if (!v.valid()) { refuse(v.reason(), v.message()); }
 * }</pre>
 */
public final class PlanSignatureVerifier {
    /** Why a plan was trusted or not; low-cardinality, fit for a metric tag. */
    public enum Reason {
        /** Signed by a trusted key, over exactly this record. */
        OK,
        /** No {@code ce_edgefleetsig} header. */
        UNSIGNED,
        /** Signed with a key this agent does not trust (or names none). */
        UNKNOWN_KEY,
        /** The signature is unreadable, or does not verify: forged, or the plan was altered. */
        BAD_SIGNATURE
    }

    /**
     * The outcome.
     *
     * @param reason  OK or why not
     * @param keyId   the key the plan names, if it names one (null otherwise)
     * @param message for the log, in an operator's words
     */
    public record Verdict(Reason reason, String keyId, String message) {
        public boolean valid() {
            return reason == Reason.OK;
        }
    }

    private final Map<String, PublicKey> trusted = new LinkedHashMap<>();

    /** @throws IllegalArgumentException if a key is not an Ed25519 public key */
    public PlanSignatureVerifier(Collection<PublicKey> trustedKeys) {
        for (PublicKey key : trustedKeys) {
            trusted.put(PlanSignatures.keyId(key), key);
        }
    }

    /** The ids of the trusted keys, in the order given. */
    public List<String> keyIds() {
        return List.copyOf(trusted.keySet());
    }

    /**
     * Verifies one record of {@code fleet.site-plans.v1} (headers as UTF-8 strings).
     *
     * @param planVersion the version of the plan decoded from {@code value}
     */
    public Verdict verify(Map<String, String> headers, String recordKey, byte[] value, long planVersion) {
        String jws = headers == null ? null : headers.get(PlanSignatures.HEADER);
        if (jws == null || jws.isBlank()) {
            return new Verdict(Reason.UNSIGNED, null, "the plan carries no " + PlanSignatures.HEADER + " signature");
        }
        DetachedJws parsed;
        try {
            parsed = DetachedJws.parse(jws);
        } catch (DetachedJws.Unreadable e) {
            return new Verdict(Reason.BAD_SIGNATURE, null, "the plan's signature is " + e.getMessage());
        }
        if (!parsed.eddsa()) {
            return new Verdict(Reason.BAD_SIGNATURE, null, "the plan's signature algorithm must be "
                    + SiteSignatures.JWS_ALGORITHM);
        }
        String kid = parsed.keyId();
        PublicKey key = trusted.get(kid);
        if (key == null) {
            return new Verdict(Reason.UNKNOWN_KEY, kid.isEmpty() ? null : kid, kid.isEmpty()
                    ? "the plan's signature names no key" : "the plan is signed with key " + printable(kid)
                    + ", which this agent does not trust (trusted: " + String.join(", ", trusted.keySet()) + ")");
        }
        byte[] content = PlanSignedContent.of(headers.get(CloudEventHeaders.ID), headers.get(CloudEventHeaders.TYPE),
                headers.get(CloudEventHeaders.SUBJECT), recordKey, planVersion, value);
        if (!Ed25519Verification.verify(key, DetachedJws.signingInput(parsed.encodedHeader(), content),
                parsed.signature())) {
            return new Verdict(Reason.BAD_SIGNATURE, kid, "the plan's signature does not verify with key " + kid
                    + " (signed by another key, or the plan was altered)");
        }
        return new Verdict(Reason.OK, kid, "signed with key " + kid);
    }

    /** The sender's text, safe for one log line. */
    private static String printable(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
