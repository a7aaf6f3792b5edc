package io.edgefleet.api.submissions;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgefleet.api.Tokens;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Submissions are counted by kind and by fleet-api's answer; reads are not submissions. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class SubmissionMetricsTest {
    @Test
    void routesMapToTheKindTheyPublish() {
        assertEquals("CLUSTER_CREATE", SubmissionMetrics.kind("POST", "/api/v1/clusters"));
        assertEquals("CLUSTER_SCALE", SubmissionMetrics.kind("POST", "/api/v1/clusters/c1/scale"));
        assertEquals("CLUSTER_DELETE", SubmissionMetrics.kind("DELETE", "/api/v1/clusters/c1"));
        assertEquals("NETWORK_FUNCTION_CREATE", SubmissionMetrics.kind("post", "/api/v1/network-functions"));
        assertEquals("NETWORK_FUNCTION_DELETE", SubmissionMetrics.kind("DELETE", "/api/v1/network-functions/upf-1"));
        assertEquals("SITE_ENROLL", SubmissionMetrics.kind("POST", "/api/v1/sites/edge-1/enrollment"));
        assertNull(SubmissionMetrics.kind("GET", "/api/v1/clusters/c1"));
        assertNull(SubmissionMetrics.kind("GET", "/api/v1/clusters/c1/kubeconfig"));
        assertEquals("unavailable", SubmissionMetrics.outcome(503));
        assertEquals("error", SubmissionMetrics.outcome(500));
    }

    @Test
    void anInvalidAndAPublishedCreationAreCountedApart() {
        double invalid = count("CLUSTER_CREATE", "invalid");
        double published = count("CLUSTER_CREATE", "published");
        double unauthorized = count("CLUSTER_CREATE", "unauthorized");
        given().auth().oauth2(Tokens.team("team-a")).contentType("application/json").body("{\"clusterId\": 3}")
                .post("/api/v1/clusters").then().statusCode(400);
        given().auth().oauth2(Tokens.team("team-a")).contentType("application/json").body("""
                {"clusterId": "metrics-1", "team": "team-a", "siteId": "edge-par-01", "kubernetesVersion": "1.31.2",
                 "controlPlane": {"replicas": 1, "vcpu": 2, "memoryMib": 4096, "diskGib": 20},
                 "workers": {"kind": "BARE_METAL", "count": 0}}""")
                .post("/api/v1/clusters").then().statusCode(202);
        given().contentType("application/json").body("{}").post("/api/v1/clusters").then().statusCode(401);

        assertEquals(invalid + 1, count("CLUSTER_CREATE", "invalid"));
        assertEquals(published + 1, count("CLUSTER_CREATE", "published"));
        assertEquals(unauthorized + 1, count("CLUSTER_CREATE", "unauthorized"));
    }

    private static double count(String kind, String outcome) {
        String body = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : body.split("\n")) {
            if (line.startsWith("fleet_api_submissions_total{") && line.contains("kind=\"" + kind + "\"")
                    && line.contains("outcome=\"" + outcome + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
