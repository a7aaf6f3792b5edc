package io.edgefleet.events.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A JWS in compact serialisation with a detached payload (RFC 7515, appendix F),
 * {@code BASE64URL(header)..BASE64URL(signature)}: how a site's report signature and placement's plan
 * signature both travel. Parsing it trusts nothing: the header says which key to try, the signature over
 * {@link #signingInput} says whether to believe it.
 *
 * @param encodedHeader the protected header as sent (base64url), part of what is signed
 * @param header        the protected header, parsed
 * @param signature     the signature's bytes
 */
record DetachedJws(String encodedHeader, JsonNode header, byte[] signature) {
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** Why a text is not a detached JWS, in words that follow "signature is". */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads the JWS; never throws anything but {@link Unreadable}. */
    static DetachedJws parse(String jws) throws Unreadable {
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3 || !parts[1].isEmpty()) {
            throw new Unreadable("not a detached compact JWS");
        }
        try {
            JsonNode header = EventJson.mapper().readTree(B64_DECODER.decode(parts[0]));
            return new DetachedJws(parts[0], header, B64_DECODER.decode(parts[2]));
        } catch (Exception e) {
            throw new Unreadable("not a readable JWS: " + e.getClass().getSimpleName());
        }
    }

    /** Whether the header names the one algorithm edgefleet signs with (EdDSA). */
    boolean eddsa() {
        return header != null && SiteSignatures.JWS_ALGORITHM.equals(header.path("alg").asText());
    }

    /** The header's {@code kid}, or "" if it names none. */
    String keyId() {
        return header == null ? "" : header.path("kid").asText("");
    }

    /** What is signed: the encoded header, a dot, and the base64url of the detached content. */
    static byte[] signingInput(String encodedHeader, byte[] content) {
        return (encodedHeader + "." + B64.encodeToString(content)).getBytes(StandardCharsets.US_ASCII);
    }

    /** The compact form of a signature made over {@link #signingInput}. */
    static String compact(String encodedHeader, byte[] signature) {
        return encodedHeader + ".." + B64.encodeToString(signature);
    }

    /** The base64url form of a protected header's JSON text. */
    static String encodeHeader(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
