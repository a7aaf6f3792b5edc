package io.edgefleet.events.identity;

import io.edgefleet.events.EventType;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a site's signature travels: the CloudEvent extension attribute {@code sitesig}, i.e. the
 * Kafka header {@code ce_sitesig} in binary mode. Its value is a JWS (RFC 7515) in compact
 * serialisation with a detached payload (Appendix F): {@code BASE64URL(header)..BASE64URL(sig)},
 * header {@code {"alg":"EdDSA","kid":"<siteId>","iat":<seconds>,"seq":<sequence>}} ({@link FreshnessClaims};
 * agents from before ADR 0027 leave out the last two); the payload is the {@link SignedContent}.
 * A host agent's report also carries the extension attribute {@code sitehost} (header
 * {@code ce_sitehost}): the host whose enrolled key signed it, and the only host it may speak for.
 */
public final class SiteSignatures {
    /** The Kafka header carrying the signature. */
    public static final String HEADER = "ce_sitesig";
    /** The Kafka header naming the host whose key signed the report; absent on a site-wide agent's reports. */
    public static final String HOST_HEADER = "ce_sitehost";
    /** JWS algorithm of Ed25519 signatures (RFC 8037). */
    public static final String JWS_ALGORITHM = "EdDSA";

    /** A host id as the contract spells it (the reports' {@code hostId} pattern). */
    static final Pattern HOST_ID = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    /**
     * Report types about the whole site rather than one host: a host identity may send them (the
     * plan names which host runs the site's steps, ADR 0019). Every other report of a host identity
     * must name its own host in {@code hostId}.
     */
    static final Set<String> SITE_LEVEL_TYPES = Set.of(EventType.CLUSTER_BOOTSTRAP_REPORTED.ceType(),
            EventType.NETWORK_FUNCTION_REPORTED.ceType());

    private SiteSignatures() {
    }
}
