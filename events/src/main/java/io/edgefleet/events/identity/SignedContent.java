package io.edgefleet.events.identity;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a site signature covers: a version line, then the CloudEvent's id, type, source and
 * subject, the Kafka record key (the site), each on its own line, then the data exactly as sent.
 * Lines cannot be confused because none of these attributes may contain a newline and the data
 * comes last.
 */
final class SignedContent {
    static final String VERSION = "edgefleet-sitesig-v1";

    private SignedContent() {
    }

    static byte[] of(String id, String type, String source, String subject, String key, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (data == null ? 0 : data.length));
        for (String line : new String[] {VERSION, id, type, source, subject, key}) {
            out.writeBytes((line == null ? "" : line).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        if (data != null) {
            out.writeBytes(data);
        }
        return out.toByteArray();
    }
}
