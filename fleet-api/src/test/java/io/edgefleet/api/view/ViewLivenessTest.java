package io.edgefleet.api.view;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** fleet-api's liveness probe watches the view feed's loop. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class ViewLivenessTest {
    @Test
    void theLivenessProbeNamesTheViewFeedAndIsUpWhileItPolls() {
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.name", hasItem("fleet-api-loops"))
                .body("checks.find { it.name == 'fleet-api-loops' }.status", containsString("UP"))
                .body("checks.find { it.name == 'fleet-api-loops' }.data.loops", containsString("view feed"));
    }
}
