package io.edgefleet.localstack.fleet;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;

/** Submits the demo cluster through fleet-api, exactly as a user would with curl. */
final class DemoCluster {
    static final String BODY = """
            {"clusterId": "demo-1", "team": "team-a", "siteId": "edge-par-01", "kubernetesVersion": "1.31.2",
             "controlPlane": {"replicas": 3, "vcpu": 2, "memoryMib": 4096, "diskGib": 20},
             "workers": {"kind": "MICROVM", "count": 2, "vcpu": 4, "memoryMib": 8192, "diskGib": 40},
             "labels": {"purpose": "demo"}}""";

    private DemoCluster() {
    }

    static void submit(FleetPorts ports, PrintStream out) throws IOException, InterruptedException {
        HttpResponse<String> r = Http.postJson("http://localhost:" + ports.api() + "/api/v1/clusters", BODY);
        if (r.statusCode() != 202) {
            throw new IllegalStateException("fleet-api refused the demo cluster: " + r.statusCode() + " " + r.body());
        }
        out.println("submitted demo cluster demo-1: " + r.body());
    }
}
