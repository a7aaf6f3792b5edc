package io.edgefleet.api.kubeconfig;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.api.Eventually;
import io.edgefleet.api.Placement;
import io.edgefleet.api.Tokens;
import io.edgefleet.events.Topics;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.pki.ClusterPki;
import io.edgefleet.pki.ClusterSecrets;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/v1/clusters/{id}/kubeconfig against the real broker: placement's sealed secrets and plan in, a
 * kubeconfig out that the real kubectl reads and the real openssl verifies, for the owning team only.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class KubeconfigTest {
    static final String SITE = "kc-site";
    static final String VIP = "10.30.0.100";
    static final ClusterSecrets SECRETS = ClusterPki.create("kc-a", Instant.now());
    static final List<String> AUDIT = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static boolean published;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TempDir
    Path dir;

    @BeforeEach
    void placementPublishedClustersPlansAndSecrets() {
        if (published) {
            return;
        }
        captureAudit();
        try (Placement placement = new Placement(bootstrapServers)) {
            for (String cluster : List.of("kc-a", "kc-noep", "kc-wait", "kc-notmine", "kc-gone")) {
                placement.cluster(cluster, "team-a", SITE, ClusterStatus.READY);
            }
            placement.publish(plan());
            placement.publish(SecretsFixture.sealed(SECRETS, "team-a", SITE, true));
            placement.publish(SecretsFixture.sealed(ClusterPki.create("kc-notmine", Instant.now()), "team-a", SITE, false));
            placement.publish(SecretsFixture.sealed(ClusterPki.create("kc-gone", Instant.now()), "team-a", SITE, true));
            placement.kafka().send(Topics.CLUSTER_SECRETS, "kc-gone", Map.of(), null);
        }
        Eventually.await("kc-a's kubeconfig available", () -> kubeconfig("kc-a", Tokens.team("team-a")).statusCode(),
                code -> code == 200);
        published = true;
    }

    @Test
    void theOwningTeamGetsAKubeconfigKubectlReadsWithTheVipTheCaAndAClusterAdminCertificate() throws Exception {
        Response answer = kubeconfig("kc-a", Tokens.team("team-a"));
        assertEquals(200, answer.statusCode(), answer.asString());
        assertTrue(answer.contentType().startsWith("application/yaml"), answer.contentType());
        assertEquals("no-store", answer.header("Cache-Control"));
        Path file = Files.writeString(dir.resolve("kubeconfig"), answer.asString());

        String view = Commands.ok(dir, "kubectl", "config", "view", "--raw", "--kubeconfig", file.toString());
        assertTrue(view.contains("client-key-data"), view);
        assertEquals("https://" + VIP + ":6443", jsonpath(file, "{.clusters[0].cluster.server}"));
        assertEquals("kc-a", jsonpath(file, "{.current-context}"));
        String ca = decoded(jsonpath(file, "{.clusters[0].cluster.certificate-authority-data}"));
        assertEquals(SECRETS.kubernetesCa().certificatePem(), ca);
        Files.writeString(dir.resolve("ca.crt"), ca);
        Files.writeString(dir.resolve("client.crt"), decoded(jsonpath(file, "{.users[0].user.client-certificate-data}")));
        Files.writeString(dir.resolve("client.key"), decoded(jsonpath(file, "{.users[0].user.client-key-data}")));

        assertEquals("client.crt: OK", Commands.ok(dir, "openssl", "verify", "-CAfile", "ca.crt", "-purpose", "sslclient",
                "client.crt").strip());
        assertEquals("subject=O = kubeadm:cluster-admins, CN = team-a-user",
                Commands.ok(dir, "openssl", "x509", "-in", "client.crt", "-noout", "-subject").strip());
        assertEquals(Commands.ok(dir, "openssl", "x509", "-in", "client.crt", "-noout", "-pubkey"),
                Commands.ok(dir, "openssl", "pkey", "-in", "client.key", "-pubout"), "the key is the certificate's");
        // Default validity 8 h.
        Commands.ok(dir, "openssl", "x509", "-in", "client.crt", "-noout", "-checkend", String.valueOf(8 * 3600 - 120));
        assertNotEquals(0, Commands.run(dir, List.of("openssl", "x509", "-in", "client.crt", "-noout", "-checkend",
                String.valueOf(8 * 3600 + 120))).exitCode());

        String serial = Commands.ok(dir, "openssl", "x509", "-in", "client.crt", "-noout", "-serial").strip()
                .substring("serial=".length()).toLowerCase();
        String audit = Eventually.await("the audit line of serial " + serial,
                () -> AUDIT.stream().filter(line -> line.contains("serial=" + serial + " ")).findFirst().orElse(""),
                line -> !line.isEmpty());
        assertTrue(audit.contains("user=team-a-user team=team-a cluster=kc-a"), audit);
        assertTrue(audit.contains("notAfter="), audit);
        String keyBody = Files.readString(dir.resolve("client.key")).lines().filter(l -> !l.startsWith("-----"))
                .findFirst().orElseThrow();
        for (String line : AUDIT) {
            assertFalse(line.contains("PRIVATE KEY") || line.contains(keyBody.substring(0, 16)), line);
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fleet_api_kubeconfigs_issued_total{team=\"team-a\"}"));
    }

    @Test
    void kubectlReachesAnApiServedWithACertificateOfTheClusterCaAndPresentsTheClientCertificate() throws Exception {
        Path file = Files.writeString(dir.resolve("kubeconfig"), kubeconfig("kc-a", Tokens.admin()).asString());
        try (KubernetesApiStandIn api = new KubernetesApiStandIn(SECRETS)) {
            Commands.ok(dir, "kubectl", "config", "set-cluster", "kc-a", "--server=https://127.0.0.1:" + api.port(),
                    "--kubeconfig", file.toString());
            String namespaces = Commands.ok(dir, "kubectl", "--kubeconfig", file.toString(), "get", "--raw",
                    "/api/v1/namespaces");
            assertTrue(namespaces.contains("kc-proof"), namespaces);
            assertFalse(api.clientSubjects().isEmpty(), "kubectl connected through TLS");
            assertEquals(java.util.Set.of("CN=admin,O=kubeadm:cluster-admins"), java.util.Set.copyOf(api.clientSubjects()),
                    "every connection presented the issued certificate");
        }
        // The same kubeconfig refuses an API whose certificate another CA signed: it pins the cluster's CA.
        try (KubernetesApiStandIn impostor = new KubernetesApiStandIn(ClusterPki.create("kc-other", Instant.now()))) {
            Commands.ok(dir, "kubectl", "config", "set-cluster", "kc-a", "--server=https://127.0.0.1:" + impostor.port(),
                    "--kubeconfig", file.toString());
            Commands.Result refused = Commands.run(dir, List.of("kubectl", "--kubeconfig", file.toString(), "get", "--raw",
                    "/api/v1/namespaces"));
            assertNotEquals(0, refused.exitCode());
            assertTrue(refused.stderr().contains("certificate signed by unknown authority"), refused.stderr());
        }
    }

    @Test
    void onlyTheOwningTeamOrAFleetAdminAndOnlyWhenTheClusterIsReady() {
        assertEquals(200, kubeconfig("kc-a", Tokens.admin()).statusCode());
        assertProblem(kubeconfig("kc-a", Tokens.team("team-b")), 403, "may not get a kubeconfig of cluster kc-a");
        assertProblem(given().get("/api/v1/clusters/kc-a/kubeconfig"), 401, "bearer token");
        assertProblem(kubeconfig("kc-nowhere", Tokens.admin()), 404, "no cluster kc-nowhere");
        assertProblem(kubeconfig("kc-noep", Tokens.team("team-a")), 409, "has no API endpoint yet");
        assertProblem(kubeconfig("kc-wait", Tokens.team("team-a")), 409, "have not arrived yet");
        assertProblem(kubeconfig("kc-gone", Tokens.team("team-a")), 409, "have not arrived yet");
        assertProblem(kubeconfig("kc-notmine", Tokens.team("team-a")), 503, "not sealed for reader:fleet-api");
        // What fleetctl asks for: YAML, or a problem detail when refused.
        String accept = "application/yaml, application/problem+json";
        assertEquals(200, given().accept(accept).auth().oauth2(Tokens.team("team-a")).get("/api/v1/clusters/kc-a/kubeconfig")
                .statusCode());
        assertProblem(given().accept(accept).auth().oauth2(Tokens.team("team-b")).get("/api/v1/clusters/kc-a/kubeconfig"),
                403, "may not get a kubeconfig");
        assertEquals(200, given().accept("text/plain").auth().oauth2(Tokens.admin()).get("/api/v1/clusters/kc-a/kubeconfig")
                .statusCode());
    }

    private static void assertProblem(Response answer, int status, String detail) {
        assertEquals(status, answer.statusCode(), answer.asString());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertTrue(answer.jsonPath().getString("detail").contains(detail), answer.asString());
    }

    static Response kubeconfig(String clusterId, String token) {
        return given().auth().oauth2(token).get("/api/v1/clusters/" + clusterId + "/kubeconfig");
    }

    private String jsonpath(Path kubeconfig, String path) throws Exception {
        return Commands.ok(dir, "kubectl", "config", "view", "--raw", "--kubeconfig", kubeconfig.toString(),
                "-o", "jsonpath=" + path);
    }

    private static String decoded(String base64) {
        return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.US_ASCII);
    }

    private static SitePlan plan() {
        List<PlannedMicroVm> microVms = new ArrayList<>();
        List<PlannedCluster> clusters = new ArrayList<>();
        for (String cluster : List.of("kc-a", "kc-noep", "kc-wait", "kc-notmine", "kc-gone")) {
            String cp = cluster + "-cp-0";
            microVms.add(new PlannedMicroVm(cp, cluster, MicroVmRole.CONTROL_PLANE, SITE + "-h1", 2, 4096, 20, "1.31.2"));
            clusters.add(new PlannedCluster(cluster, "team-a", "1.31.2", List.of(cp), List.of(), List.of(),
                    cluster.equals("kc-noep") ? null : VIP, cp));
        }
        return new SitePlan(SITE, System.currentTimeMillis(), Instant.now(), microVms, clusters, List.of());
    }

    private static void captureAudit() {
        Logger.getLogger(KubeconfigIssuer.AUDIT_CATEGORY).addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                AUDIT.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }
}
