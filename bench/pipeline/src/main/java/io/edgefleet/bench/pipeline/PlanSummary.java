package io.edgefleet.bench.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * What the watcher needs of a SitePlan: its version and the ids in {@code clusters[*].clusterId},
 * read with a streaming parser that skips everything else. The watcher's CPU counts against the
 * placement phase of the benchmark, so it must not build a tree of every plan.
 */
record PlanSummary(long version, Set<String> clusterIds) {
    private static final JsonFactory JSON = new JsonFactory();

    static PlanSummary read(byte[] json) {
        long version = -1;
        Set<String> clusterIds = new HashSet<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a site plan is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("version")) {
                    version = p.getLongValue();
                } else if (field.equals("clusters") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        readClusterId(p, clusterIds);
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable site plan", e);
        }
        return new PlanSummary(version, clusterIds);
    }

    /** Reads one element of {@code clusters} (the parser is on its START_OBJECT) up to its END_OBJECT. */
    private static void readClusterId(JsonParser p, Set<String> into) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("clusterId")) {
                into.add(p.getText());
            } else {
                p.skipChildren();
            }
        }
    }
}
