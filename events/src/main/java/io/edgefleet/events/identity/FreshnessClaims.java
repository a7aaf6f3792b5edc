package io.edgefleet.events.identity;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What makes a signed report impossible to replay unnoticed (ADR 0027): when it was signed ({@code iat},
 * seconds since the epoch) and its signer's sequence number ({@code seq}, see {@link ReportSequence}).
 * Both travel in the protected header of the report's {@code ce_sitesig} JWS, which the signature covers,
 * so neither can be changed without breaking it; readers from before them ignore the two fields.
 *
 * @param issuedAt when the report was signed, seconds since the epoch
 * @param sequence strictly increasing per signer
 */
public record FreshnessClaims(long issuedAt, long sequence) {
    /** Claims for a report signed now. */
    public static FreshnessClaims now() {
        return new FreshnessClaims(Instant.now().getEpochSecond(), ReportSequence.next());
    }

    /**
     * The claims of a report's signature; empty if it has none (an agent from before them), or if they
     * are not whole numbers. Read the header only after the signature verified: before, it is anyone's.
     * Never throws.
     */
    public static Optional<FreshnessClaims> of(Map<String, String> headers) {
        String jws = headers == null ? null : headers.get(SiteSignatures.HEADER);
        if (jws == null) {
            return Optional.empty();
        }
        JsonNode header;
        try {
            header = DetachedJws.parse(jws).header();
        } catch (DetachedJws.Unreadable e) {
            return Optional.empty();
        }
        JsonNode iat = header == null ? null : header.get("iat");
        JsonNode seq = header == null ? null : header.get("seq");
        if (iat == null || seq == null || !iat.isIntegralNumber() || !seq.isIntegralNumber()
                || !iat.canConvertToLong() || !seq.canConvertToLong()) {
            return Optional.empty();
        }
        return Optional.of(new FreshnessClaims(iat.asLong(), seq.asLong()));
    }

    /** The protected header's members after {@code kid}, as the signer writes them. */
    String headerMembers() {
        return ",\"iat\":" + issuedAt + ",\"seq\":" + sequence;
    }
}
