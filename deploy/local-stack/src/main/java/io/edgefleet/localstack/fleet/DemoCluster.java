package io.edgefleet.localstack.fleet;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;

/** Submits the demo cluster(s) through fleet-api, exactly as a user would with curl (as team-a, with a dev token). */
final class DemoCluster {
    /**
     * With real guests each microVM is an emulated machine taking a core while it boots, so the demo is
     * small: on each of the first two sites one control-plane replica and one worker, one vCPU each.
     * Their planned memory stays realistic; the guests get less (see {@code QemuFleet}).
     */
    static final String REAL_GUESTS_BODY = """
            {"clusterId": "demo-%d", "team": "team-a", "siteId": "%s", "kubernetesVersion": "1.31.2",
             "controlPlane": {"replicas": 1, "vcpu": 1, "memoryMib": 4096, "diskGib": 20},
             "workers": {"kind": "MICROVM", "count": 1, "vcpu": 1, "memoryMib": 8192, "diskGib": 40},
             "labels": {"purpose": "demo"}}""";

    static final String BODY = """
            {"clusterId": "demo-1", "team": "team-a", "siteId": "edge-par-01", "kubernetesVersion": "1.31.2",
             "controlPlane": {"replicas": 3, "vcpu": 2, "memoryMib": 4096, "diskGib": 20},
             "workers": {"kind": "MICROVM", "count": 2, "vcpu": 4, "memoryMib": 8192, "diskGib": 40},
             "labels": {"purpose": "demo"}}""";

    private DemoCluster() {
    }

    /** The demo of a fleet of real guests: demo-1 on the first site, demo-2 on the second (when there is one). */
    static java.util.List<String> realGuestBodies(int sites) {
        java.util.List<String> bodies = new java.util.ArrayList<>();
        for (int i = 1; i <= Math.min(2, sites); i++) {
            bodies.add(String.format(REAL_GUESTS_BODY, i, SiteInventories.siteId(i)));
        }
        return bodies;
    }

    static void submit(FleetPorts ports, PrintStream out) throws IOException, InterruptedException {
        submit(ports, out, BODY);
    }

    static void submit(FleetPorts ports, PrintStream out, String body) throws IOException, InterruptedException {
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
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("fleet-api refused the demo cluster: " + r.statusCode() + " " + r.body());
        }
        out.println("submitted a demo cluster: " + r.body());
    }
}
