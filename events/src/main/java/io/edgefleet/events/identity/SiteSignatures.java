package io.edgefleet.events.identity;

/**
 * Where a site's signature travels: the CloudEvent extension attribute {@code sitesig}, i.e. the
 * Kafka header {@code ce_sitesig} in binary mode. Its value is a JWS (RFC 7515) in compact
 * serialisation with a detached payload (Appendix F): {@code BASE64URL(header)..BASE64URL(sig)},
 * header {@code {"alg":"EdDSA","kid":"<siteId>"}}; the payload is the {@link SignedContent}.
 */
public final class SiteSignatures {
    /** The Kafka header carrying the signature. */
    public static final String HEADER = "ce_sitesig";
    /** JWS algorithm of Ed25519 signatures (RFC 8037). */
    public static final String JWS_ALGORITHM = "EdDSA";

    private SiteSignatures() {
    }
}
