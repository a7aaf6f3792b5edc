package io.edgefleet.events.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventJson;

/**
 * What a report's data says it speaks for: its {@code siteId} and, where it has one, its
 * {@code hostId} (heartbeat of a host agent, host state, microVM state). Read with one parse of the
 * data, before the report is decoded for real.
 *
 * @param siteId null if the data is not JSON or names no site
 * @param hostId null if the data names no host
 */
record ReportClaims(String siteId, String hostId) {

    static ReportClaims of(byte[] value) {
        if (value == null) {
            return new ReportClaims(null, null);
        }
        try {
            JsonNode data = EventJson.mapper().readTree(value);
            return data == null ? new ReportClaims(null, null) : new ReportClaims(text(data, "siteId"), text(data, "hostId"));
        } catch (Exception e) {
            return new ReportClaims(null, null);
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
