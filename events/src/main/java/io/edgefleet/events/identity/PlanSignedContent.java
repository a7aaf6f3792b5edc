package io.edgefleet.events.identity;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes placement's plan signature covers (ADR 0027): a version line, the CloudEvent's id, type and
 * subject, the Kafka record key (the site), the plan's version, each on its own line, then the data
 * exactly as sent. The type keeps a plan signature from passing for anything else; key and subject bind
 * it to its site; the version is the one the agent compares with the plan it applied. No attribute may
 * contain a newline and the data comes last, so the lines cannot be confused.
 */
final class PlanSignedContent {
    static final String VERSION = "edgefleet-plansig-v1";

    private PlanSignedContent() {
    }

    static byte[] of(String id, String type, String subject, String key, long planVersion, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + (data == null ? 0 : data.length));
        for (String line : new String[] {VERSION, id, type, subject, key, Long.toString(planVersion)}) {
            out.writeBytes((line == null ? "" : line).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        if (data != null) {
            out.writeBytes(data);
        }
        return out.toByteArray();
    }
}
