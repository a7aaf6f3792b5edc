package io.edgefleet.events.identity;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a site signature covers: a version line, then the CloudEvent's id, type, source and
 * subject, the Kafka record key (the site), each on its own line, then the data exactly as sent.
 * A host identity's signature (ADR 0022) has its own version line and also covers the host it
 * names ({@code ce_sitehost}), on a line after the key: so the host header cannot be swapped, and a
 * host signature can never pass for a site signature (nor the other way), even under one key.
 * Lines cannot be confused because none of these attributes may contain a newline and the data
 * comes last.
 */
final class SignedContent {
    /** A site-wide agent's signature, unchanged since ADR 0007. */
    static final String VERSION = "edgefleet-sitesig-v1";
    /** A host agent's signature: the same lines, plus the host. */
    static final String HOST_VERSION = "edgefleet-hostsig-v1";

    private SignedContent() {
    }

    /** What a site-wide signature covers. */
    static byte[] of(String id, String type, String source, String subject, String key, byte[] data) {
        return of(id, type, source, subject, key, null, data);
    }

    /** What a signature covers; {@code host} null: a site-wide signature, byte for byte as before. */
    static byte[] of(String id, String type, String source, String subject, String key, String host, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (data == null ? 0 : data.length));
        String[] lines = host == null ? new String[] {VERSION, id, type, source, subject, key}
                : new String[] {HOST_VERSION, id, type, source, subject, key, host};
        for (String line : lines) {
            out.writeBytes((line == null ? "" : line).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        if (data != null) {
            out.writeBytes(data);
        }
        return out.toByteArray();
    }
}
