package io.edgefleet.localstack.fleet;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;

/** Submits the demo cluster through fleet-api, exactly as a user would with curl (as team-a, with a dev token). */
final class DemoCluster {
    static final String BODY = """
            {"clusterId": "demo-1", "team": "team-a", "siteId": "edge-par-01", "kubernetesVersion": "1.31.2",
             "controlPlane": {"replicas": 3, "vcpu": 2, "memoryMib": 4096, "diskGib": 20},
             "workers": {"kind": "MICROVM", "count": 2, "vcpu": 4, "memoryMib": 8192, "diskGib": 40},
             "labels": {"purpose": "demo"}}""";

    private DemoCluster() {
    }

    static void submit(FleetPorts ports, PrintStream out) throws IOException, InterruptedException {
        String token;
        try {
            token = TokenCommand.team(FleetCommand.repo(), "team-a", Duration.ofMinutes(5));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the demo request's token with the dev key", e);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + ports.api() + "/api/v1/clusters"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("fleet-api refused the demo cluster: " + r.statusCode() + " " + r.body());
        }
        out.println("submitted demo cluster demo-1: " + r.body());
    }
}
