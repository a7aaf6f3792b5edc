package io.edgefleet.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Sites and hosts come from the agents' heartbeats and placement's plans, read from the real broker. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class SitesApiTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aSitesHostsShowPerNumaCapacityAllocationsAndFreeSpace() {
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.publish(SiteFixture.heartbeat("api-site"));
            placement.publish(SiteFixture.plan("api-site"));
        }
        String admin = Tokens.admin();
        Eventually.await("site api-site planned and reported",
                () -> given().auth().oauth2(admin).get("/api/v1/sites/api-site"),
                r -> r.statusCode() == 200 && "2".equals(r.jsonPath().getString("hosts"))
                        && "7".equals(r.jsonPath().getString("planVersion")));

        given().auth().oauth2(Tokens.team("team-z")).get("/api/v1/sites").then().statusCode(200)
                .body("siteId", hasItem("api-site"));
        given().auth().oauth2(admin).get("/api/v1/sites/api-site").then().statusCode(200)
                .body("agentAlive", equalTo(true)).body("hostsInUse", equalTo(2)).body("clusters", equalTo(2))
                .body("networkFunctions", equalTo(1)).body("microVms", equalTo(4));

        given().auth().oauth2(admin).get("/api/v1/sites/api-site/hosts").then().statusCode(200)
                .body("[0].hostId", equalTo("api-site-h1"))
                .body("[0].cpu.pinnedCores", equalTo(4))
                .body("[0].cpu.vcpuUsed", equalTo(10))
                .body("[0].cpu.vcpuFree", equalTo(94))
                .body("[0].numaNodes[1].cores.free", equalTo(12))
                .body("[0].numaNodes[1].hugepages1Gi.free", equalTo(6))
                .body("[0].numaNodes[1].vfsByPhysnet.physnet-b.free", equalTo(3))
                .body("[0].numaNodes[0].cores.reserved", equalTo(2))
                .body("[0].allocations.kind", hasItem("NETWORK_FUNCTION"))
                .body("[1].heldByCluster", equalTo("api-site-b"));
        given().auth().oauth2(Tokens.team("team-a")).get("/api/v1/sites/api-site/hosts").then().statusCode(200)
                .body("[1].heldByCluster", equalTo("(another team)"))
                .body("[0].allocations.clusterId", hasItem("(another team)"));

        given().auth().oauth2(admin).get("/api/v1/fleet/summary").then().statusCode(200)
                .body("hosts", greaterThanOrEqualTo(2))
                .body("mixedMode.hostsSaved", greaterThanOrEqualTo(2)) // api-site: 3 control planes on one host
                .body("utilisation.resource", hasItem("hugepages-1gi"));
        given().auth().oauth2(admin).get("/api/v1/sites/nowhere/hosts").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
