package io.edgefleet.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint: no token or a bad one is 401, a valid token without a fleet role is 403, and a
 * team can neither see nor change another team's clusters, network functions or request outcomes.
 * All answers are RFC 9457 problem details.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class AuthorizationTest {
    static final String CLUSTER_BODY = """
            {"clusterId": "%s", "team": "%s", "siteId": "auth-site", "kubernetesVersion": "1.31.2",
             "controlPlane": {"replicas": 1, "vcpu": 2, "memoryMib": 4096, "diskGib": 20},
             "workers": {"kind": "BARE_METAL", "count": 0}}""";
    static final String NF_BODY = """
            {"nfId": "%s", "team": "%s", "siteId": "auth-site", "clusterId": "%s", "kind": "UPF", "replicas": 1,
             "pinnedCores": 4, "hugepages1Gi": 2, "memoryMib": 2048, "vfsByPhysnet": {"physnet-a": 1}}""";
    private static boolean published;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void teamBOwnsAClusterANetworkFunctionAndARequest() {
        if (published) {
            return;
        }
        try (Placement placement = new Placement(bootstrapServers)) {
            placement.cluster("auth-b", "team-b", "auth-site", ClusterStatus.READY);
            placement.networkFunction("auth-nf-b", "auth-b", "team-b", "auth-site");
            placement.publish(new RequestAccepted("/fleet-api#auth-req-b", "auth-site", RequestKind.CLUSTER_CREATE,
                    "auth-b", Instant.now()));
        }
        Eventually.await("team b's fixtures in the read side", () -> java.util.List.of(
                given().auth().oauth2(Tokens.admin()).get("/api/v1/requests/auth-req-b").statusCode(),
                given().auth().oauth2(Tokens.admin()).get("/api/v1/network-functions/auth-nf-b").statusCode(),
                given().auth().oauth2(Tokens.admin()).get("/api/v1/clusters/auth-b").statusCode()),
                codes -> codes.stream().allMatch(c -> c == 200));
        published = true;
    }

    /** Every endpoint, with a request that would succeed for the right caller. */
    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/clusters", null),
                Arguments.of("GET", "/api/v1/clusters/auth-b", null),
                Arguments.of("POST", "/api/v1/clusters", CLUSTER_BODY.formatted("auth-new", "team-b")),
                Arguments.of("POST", "/api/v1/clusters/auth-b/scale", "{\"workerCount\": 2}"),
                Arguments.of("DELETE", "/api/v1/clusters/auth-b", null),
                Arguments.of("GET", "/api/v1/network-functions", null),
                Arguments.of("GET", "/api/v1/network-functions/auth-nf-b", null),
                Arguments.of("POST", "/api/v1/network-functions", NF_BODY.formatted("auth-nf-2", "team-b", "auth-b")),
                Arguments.of("DELETE", "/api/v1/network-functions/auth-nf-b", null),
                Arguments.of("GET", "/api/v1/requests/auth-req-b", null),
                Arguments.of("GET", "/api/v1/sites", null),
                Arguments.of("GET", "/api/v1/sites/auth-site", null),
                Arguments.of("GET", "/api/v1/sites/auth-site/hosts", null),
                Arguments.of("GET", "/api/v1/fleet/summary", null),
                Arguments.of("GET", "/api/v1/fleet/snapshot", null),
                Arguments.of("GET", "/api/v1/fleet/stream", null));
    }

    /** The endpoints that act on team b's resources: refused to team a, whatever it asks. */
    static Stream<Arguments> teamBResources() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/clusters?team=team-b", null),
                Arguments.of("GET", "/api/v1/clusters/auth-b", null),
                Arguments.of("POST", "/api/v1/clusters", CLUSTER_BODY.formatted("auth-new", "team-b")),
                Arguments.of("POST", "/api/v1/clusters/auth-b/scale", "{\"workerCount\": 2}"),
                Arguments.of("DELETE", "/api/v1/clusters/auth-b", null),
                Arguments.of("GET", "/api/v1/network-functions?team=team-b", null),
                Arguments.of("GET", "/api/v1/network-functions/auth-nf-b", null),
                Arguments.of("POST", "/api/v1/network-functions", NF_BODY.formatted("auth-nf-2", "team-b", "auth-b")),
                // Team a names itself, but the cluster the function would run in is team b's.
                Arguments.of("POST", "/api/v1/network-functions", NF_BODY.formatted("auth-nf-3", "team-a", "auth-b")),
                Arguments.of("DELETE", "/api/v1/network-functions/auth-nf-b", null),
                Arguments.of("GET", "/api/v1/requests/auth-req-b", null));
    }

    @ParameterizedTest(name = "{0} {1} without a token is 401")
    @MethodSource("endpoints")
    void withoutATokenIs401(String method, String path, String body) {
        call(given(), method, path, body).statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401)).body("detail", containsString("bearer token"));
    }

    @ParameterizedTest(name = "{0} {1} with a token of a foreign key is 401")
    @MethodSource("endpoints")
    void withATokenSignedByAnotherKeyIs401(String method, String path, String body) {
        call(given().auth().oauth2(Tokens.foreignKey()), method, path, body).statusCode(401)
                .contentType("application/problem+json").body("title", equalTo("Unauthorized"));
    }

    @ParameterizedTest(name = "{0} {1} with a token without a fleet role is 403")
    @MethodSource("endpoints")
    void withoutAFleetRoleIs403(String method, String path, String body) {
        call(given().auth().oauth2(Tokens.noFleetRole()), method, path, body).statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403)).body("detail", containsString("fleet-admin or team:<name>"));
    }

    @ParameterizedTest(name = "{0} {1} on team b's resources is 403 for team a")
    @MethodSource("teamBResources")
    void anotherTeamIs403(String method, String path, String body) {
        call(given().auth().oauth2(Tokens.team("team-a")), method, path, body).statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("team-a-user may not"))
                .body("detail", containsString("team-b"));
    }

    @Test
    void expiredAndForeignIssuerTokensAre401() {
        given().auth().oauth2(Tokens.expired()).get("/api/v1/clusters").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.wrongIssuer()).get("/api/v1/clusters").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer not.a.jwt").get("/api/v1/clusters").then().statusCode(401);
    }

    @Test
    void theOwningTeamAndAdminsMayReadWhatOtherTeamsMayNot() {
        given().auth().oauth2(Tokens.team("team-b")).get("/api/v1/clusters/auth-b").then().statusCode(200)
                .body("team", equalTo("team-b"));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/clusters/auth-b").then().statusCode(200);
        given().auth().oauth2(Tokens.team("team-b")).get("/api/v1/requests/auth-req-b").then().statusCode(200)
                .body("status", equalTo("ACCEPTED"));
        given().auth().oauth2(Tokens.team("team-b")).get("/api/v1/network-functions/auth-nf-b").then()
                .statusCode(200);
        // Team a's list simply does not contain team b's cluster.
        given().auth().oauth2(Tokens.team("team-a")).get("/api/v1/clusters?size=500").then().statusCode(200)
                .body("items.clusterId", not(org.hamcrest.Matchers.hasItem("auth-b")));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/clusters?size=500").then().statusCode(200)
                .body("items.clusterId", org.hamcrest.Matchers.hasItem("auth-b"));
    }

    @Test
    void theDashboardPageAndTheOpenApiDocumentArePublic() {
        given().get("/dashboard.html").then().statusCode(200).body(containsString("fleet dashboard"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/clusters"));
    }

    private static ValidatableResponse call(RequestSpecification spec, String method, String path, String body) {
        if (body != null) {
            spec = spec.contentType("application/json").body(body);
        }
        return spec.request(method, path).then();
    }
}
