package io.edgefleet.agent.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The agent's liveness probe watches its heartbeat, reconcile and secrets loops, by name. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class LoopsHealthCheckTest {
    @Test
    void theLivenessProbeNamesTheAgentsLoopsAndIsUpWhileTheyRun() {
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.name", hasItem("agent-loops"))
                .body("checks.find { it.name == 'agent-loops' }.status", containsString("UP"))
                .body("checks.find { it.name == 'agent-loops' }.data.loops", containsString("heartbeat"))
                .body("checks.find { it.name == 'agent-loops' }.data.loops", containsString("reconcile"))
                .body("checks.find { it.name == 'agent-loops' }.data.loops", containsString("plan feed"));
    }
}
