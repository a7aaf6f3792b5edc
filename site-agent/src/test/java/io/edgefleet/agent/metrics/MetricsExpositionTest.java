package io.edgefleet.agent.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's /q/metrics in both exposition formats, as Prometheus and promtool read them. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class MetricsExpositionTest {
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0";
    static final String TEXT = "text/plain; version=0.0.4";

    private static String scrape(String accept, String contentType) {
        return given().accept(accept).get("/q/metrics").then().statusCode(200).contentType(startsWith(contentType))
                .extract().asString();
    }

    @Test
    void openMetricsIsServedToAClientThatNamesNoCharset() {
        String body = scrape(OPENMETRICS, "application/openmetrics-text");
        assertTrue(body.endsWith("# EOF\n"), "an OpenMetrics body ends with # EOF");
    }

    @Test
    void helpTextsCarryNoDoubleQuoteWhichTheFormatsEscapeDifferently() {
        for (String accept : List.of(OPENMETRICS, TEXT)) {
            List<String> quoted = scrape(accept, accept.split(";")[0]).lines()
                    .filter(l -> l.startsWith("# HELP ") && l.contains("\"")).toList();
            assertEquals(List.of(), quoted, accept);
        }
    }

    @Test
    void everyFleetFamilyHasHelpInBothFormats() {
        for (String accept : List.of(OPENMETRICS, TEXT)) {
            List<String> lines = scrape(accept, accept.split(";")[0]).lines().toList();
            List<String> families = lines.stream().filter(l -> l.startsWith("# TYPE fleet_"))
                    .map(l -> l.split(" ")[2]).toList();
            assertTrue(!families.isEmpty(), accept);
            for (String family : families) {
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("# HELP " + family + " ")
                        && l.length() > ("# HELP " + family + " ").length()), accept + ": no help for " + family);
            }
        }
    }

    @Test
    void planRecordCountsAreCounters() {
        String text = scrape(TEXT, "text/plain");
        assertTrue(text.contains("# TYPE fleet_agent_plan_records_read_total counter\n"), text);
        assertTrue(text.contains("# TYPE fleet_agent_plan_records_of_other_sites_total counter\n"), text);
        String open = scrape(OPENMETRICS, "application/openmetrics-text");
        assertTrue(open.contains("# TYPE fleet_agent_plan_records_read counter\n"), open);
        assertTrue(open.lines().anyMatch(l -> l.startsWith("fleet_agent_plan_records_read_total ")), open);
    }
}
