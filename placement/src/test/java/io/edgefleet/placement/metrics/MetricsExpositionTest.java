package io.edgefleet.placement.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Placement's /q/metrics in both exposition formats, as Prometheus and promtool read them. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class MetricsExpositionTest {
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0";
    static final String TEXT = "text/plain; version=0.0.4";

    private static String scrape(String accept) {
        return given().accept(accept).get("/q/metrics").then().statusCode(200)
                .contentType(startsWith(accept.split(";")[0])).extract().asString();
    }

    @Test
    void openMetricsIsServedToAClientThatNamesNoCharset() {
        assertTrue(scrape(OPENMETRICS).endsWith("# EOF\n"), "an OpenMetrics body ends with # EOF");
    }

    @Test
    void helpTextsCarryNoDoubleQuoteWhichTheFormatsEscapeDifferently() {
        for (String accept : List.of(OPENMETRICS, TEXT)) {
            List<String> quoted = scrape(accept).lines().filter(l -> l.startsWith("# HELP ") && l.contains("\"")).toList();
            assertEquals(List.of(), quoted, accept);
        }
    }

    @Test
    void everyFleetFamilyHasHelpInBothFormats() {
        for (String accept : List.of(OPENMETRICS, TEXT)) {
            List<String> lines = scrape(accept).lines().toList();
            List<String> families = lines.stream().filter(l -> l.startsWith("# TYPE fleet_")).map(l -> l.split(" ")[2])
                    .toList();
            assertTrue(families.size() > 5, accept + ": " + families);
            for (String family : families) {
                String help = "# HELP " + family + " ";
                assertTrue(lines.stream().anyMatch(l -> l.startsWith(help) && l.length() > help.length()),
                        accept + ": no help for " + family);
            }
        }
    }

    @Test
    void batchRetriesAreExportedBeforeTheFirstRetry() {
        String text = scrape(TEXT);
        assertTrue(text.contains("# TYPE fleet_placement_batch_retries_total counter\n"), text);
        for (String series : List.of("cause=\"concurrent_allocation\",consumer=\"requests\"",
                "cause=\"database\",consumer=\"reports\"", "cause=\"poison_record\",consumer=\"requests\"")) {
            // the classic format may end the label set with a comma
            assertTrue(text.contains("fleet_placement_batch_retries_total{" + series), series + " in\n" + text);
        }
    }
}
