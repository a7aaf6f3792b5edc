package io.edgefleet.placement.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The liveness probe watches placement's own loops, by name. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class LoopsHealthCheckTest {
    @Test
    void theLivenessProbeNamesTheRelayAndTheSweeperAndIsUpWhileTheyRun() {
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.name", hasItem("placement-loops"))
                .body("checks.find { it.name == 'placement-loops' }.status", containsString("UP"))
                .body("checks.find { it.name == 'placement-loops' }.data.loops", containsString("outbox relay"))
                .body("checks.find { it.name == 'placement-loops' }.data.loops", containsString("lifecycle sweeper"));
    }
}
