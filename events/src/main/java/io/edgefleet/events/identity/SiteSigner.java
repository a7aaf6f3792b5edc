package io.edgefleet.events.identity;

import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EncodedEvent;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Signs a site's reports with an Ed25519 key (agent side): the site's own key (a site-wide agent),
 * or the key of one host of the site (a host agent, ADR 0022), whose reports then also carry
 * {@code ce_sitehost} naming that host, covered by the signature. Thread-safe.
 *
 * <pre>{@code
 * SiteSigner signer = new SiteSigner("edge-par-01", SiteKeys.parsePrivateKey(pem));          // site-wide
 * SiteSigner host = new SiteSigner("edge-par-01", "h3", SiteKeys.parsePrivateKey(hostPem));  // host agent
 * EncodedEvent out = signer.sign(CloudEventCodec.encode(CloudEvent.of(source, heartbeat)));
 * // out.headers() now also holds ce_sitesig (and ce_sitehost for a host signer); its protected header
 * // names the time of signing and a sequence number (FreshnessClaims), so a copy sent again is refused
 * }</pre>
 */
public final class SiteSigner {
    private static final Pattern SITE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final String siteId;
    private final String hostId;
    private final Ed25519Signing key;
    /** The protected header's JSON up to (not including) its freshness members and closing brace. */
    private final String headerStart;

    /** A site-wide agent's signer: no host header, signed with the site's key. */
    public SiteSigner(String siteId, PrivateKey key) {
        this(siteId, null, key);
    }

    /**
     * @param hostId null for a site-wide agent; else the host this agent runs on, whose enrolled key
     *               {@code key} is
     */
    public SiteSigner(String siteId, String hostId, PrivateKey key) {
        if (siteId == null || !SITE_ID.matcher(siteId).matches()) {
            throw new IllegalArgumentException("site id must be 1-128 letters, digits, '.', '_' or '-', got " + siteId);
        }
        if (hostId != null && !SiteSignatures.HOST_ID.matcher(hostId).matches()) {
            throw new IllegalArgumentException("host id must be 1-63 lower-case letters, digits or '-' (not first"
                    + " or last), got " + hostId);
        }
        this.siteId = siteId;
        this.hostId = hostId;
        this.key = new Ed25519Signing(Objects.requireNonNull(key, "key"));
        this.headerStart = "{\"alg\":\"" + SiteSignatures.JWS_ALGORITHM + "\",\"kid\":\"" + siteId + "\"";
    }

    public String siteId() {
        return siteId;
    }

    /** The host this signer speaks for; null for a site-wide signer. */
    public String hostId() {
        return hostId;
    }

    /**
     * The event with its {@code ce_sitesig} header added, and {@code ce_sitehost} for a host signer
     * (any earlier ones replaced or, for a site-wide signer, removed).
     */
    public EncodedEvent sign(EncodedEvent event) {
        return sign(event, FreshnessClaims.now());
    }

    /**
     * As {@link #sign(EncodedEvent)}, with the given signing time and sequence number instead of now and
     * the next one (tools and tests that must sign a report as it was signed earlier).
     */
    public EncodedEvent sign(EncodedEvent event, FreshnessClaims claims) {
        Objects.requireNonNull(claims, "claims");
        Map<String, String> headers = new LinkedHashMap<>(event.headers());
        headers.remove(SiteSignatures.HEADER);
        headers.remove(SiteSignatures.HOST_HEADER);
        if (hostId != null) {
            headers.put(SiteSignatures.HOST_HEADER, hostId);
        }
        headers.put(SiteSignatures.HEADER, signature(event.headers(), event.key(), event.value(), claims));
        return new EncodedEvent(event.topic(), event.key(), headers, event.value());
    }

    /**
     * The JWS (compact, detached payload) over the event's id, type, source, subject, key and data,
     * and this signer's host if it has one; its protected header carries the time of signing and the
     * next sequence number ({@link FreshnessClaims}), so the signature covers them too.
     */
    public String signature(Map<String, String> headers, String recordKey, byte[] value) {
        return signature(headers, recordKey, value, FreshnessClaims.now());
    }

    /** As {@link #signature(Map, String, byte[])} with the given freshness claims. */
    public String signature(Map<String, String> headers, String recordKey, byte[] value, FreshnessClaims claims) {
        String protectedHeader = DetachedJws.encodeHeader(headerStart + claims.headerMembers() + "}");
        byte[] content = SignedContent.of(headers.get(CloudEventHeaders.ID), headers.get(CloudEventHeaders.TYPE),
                headers.get(CloudEventHeaders.SOURCE), headers.get(CloudEventHeaders.SUBJECT), recordKey, hostId, value);
        try {
            return DetachedJws.compact(protectedHeader, key.sign(DetachedJws.signingInput(protectedHeader, content)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a report of site " + siteId
                    + (hostId == null ? "" : " host " + hostId) + " failed", e);
        }
    }
}
