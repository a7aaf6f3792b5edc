package io.edgefleet.events.identity;

import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EncodedEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Signs a site's reports with the site's Ed25519 key (agent side). Thread-safe.
 *
 * <pre>{@code
 * SiteSigner signer = new SiteSigner("edge-par-01", SiteKeys.parsePrivateKey(pem));
 * EncodedEvent out = signer.sign(CloudEventCodec.encode(CloudEvent.of(source, heartbeat)));
 * // out.headers() now also holds ce_sitesig
 * }</pre>
 */
public final class SiteSigner {
    private static final Pattern SITE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String siteId;
    private final Ed25519Signing key;
    private final String protectedHeader;

    public SiteSigner(String siteId, PrivateKey key) {
        if (siteId == null || !SITE_ID.matcher(siteId).matches()) {
            throw new IllegalArgumentException("site id must be 1-128 letters, digits, '.', '_' or '-', got " + siteId);
        }
        this.siteId = siteId;
        this.key = new Ed25519Signing(Objects.requireNonNull(key, "key"));
        this.protectedHeader = B64.encodeToString(("{\"alg\":\"" + SiteSignatures.JWS_ALGORITHM + "\",\"kid\":\""
                + siteId + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    public String siteId() {
        return siteId;
    }

    /** The event with its {@code ce_sitesig} header added (any earlier one replaced). */
    public EncodedEvent sign(EncodedEvent event) {
        Map<String, String> headers = new LinkedHashMap<>(event.headers());
        headers.remove(SiteSignatures.HEADER);
        headers.put(SiteSignatures.HEADER, signature(event.headers(), event.key(), event.value()));
        return new EncodedEvent(event.topic(), event.key(), headers, event.value());
    }

    /** The JWS (compact, detached payload) over the event's id, type, source, subject, key and data. */
    public String signature(Map<String, String> headers, String recordKey, byte[] value) {
        byte[] content = SignedContent.of(headers.get(CloudEventHeaders.ID), headers.get(CloudEventHeaders.TYPE),
                headers.get(CloudEventHeaders.SOURCE), headers.get(CloudEventHeaders.SUBJECT), recordKey, value);
        String signingInput = protectedHeader + "." + B64.encodeToString(content);
        try {
            byte[] signature = key.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
            return protectedHeader + ".." + B64.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a report of site " + siteId + " failed", e);
        }
    }
}
