package io.edgefleet.fleetctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Prints JSON as fleet-api answered it (pretty), for {@code -o json}. */
final class Printer {
    private Printer() {
    }

    static void json(PrintWriter out, JsonNode node) {
        try {
            out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
