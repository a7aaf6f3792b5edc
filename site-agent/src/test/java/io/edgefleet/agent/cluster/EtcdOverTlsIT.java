package io.edgefleet.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgefleet.agent.etcd.EtcdSnapshots;
import io.edgefleet.events.plan.Ipv4;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.pki.CertificateAndKey;
import io.edgefleet.pki.Certificates;
import io.edgefleet.pki.ClusterPki;
import io.edgefleet.pki.ClusterSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent reaches a REAL etcd the way it reaches a cluster's: TLS with client-certificate auth, server and
 * client certificates both from the cluster's etcd CA (as kubeadm sets etcd up), at the planned control plane's
 * address. It measures the members by microVM name, takes a snapshot into the site's directory, and an agent
 * holding another cluster's secrets is refused by etcd.
 */
class EtcdOverTlsIT {
    /** A loopback address of its own, so etcd's fixed client port 2379 collides with nothing else on the host. */
    static final String IP = "127.0.0.42";
    static final Instant NOW = Instant.now();
    static final ClusterSecrets SECRETS = ClusterPki.create("c1", NOW);

    static Path dir;
    static Process etcd;

    @BeforeAll
    static void startEtcdWithTls() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/etcd")) || !System.getProperty("os.name").startsWith("Linux"),
                "etcd-server must be installed on Linux (apt-get install etcd-server)");
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "SKIPPED LOUDLY: real etcd runs on Linux only");
        dir = Files.createDirectories(Path.of("target/etcd-tls-it").toAbsolutePath());
        CertificateAndKey server = Certificates.etcdServer(SECRETS.etcdCa(), "c1-cp-0", List.of(IP), NOW, Duration.ofHours(1));
        Files.writeString(dir.resolve("ca.crt"), SECRETS.etcdCa().certificatePem());
        Files.writeString(dir.resolve("server.crt"), server.certificatePem());
        Files.writeString(dir.resolve("server.key"), server.privateKeyPem());
        deleteTree(dir.resolve("data"));
        deleteTree(dir.resolve("snapshots"));
        etcd = new ProcessBuilder("/usr/bin/etcd", "--name", "c1-cp-0", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", "https://" + IP + ":2379", "--advertise-client-urls", "https://" + IP + ":2379",
                "--listen-peer-urls", "http://" + IP + ":2380", "--initial-advertise-peer-urls", "http://" + IP + ":2380",
                "--initial-cluster", "c1-cp-0=http://" + IP + ":2380", "--client-cert-auth",
                "--trusted-ca-file", dir.resolve("ca.crt").toString(), "--cert-file", dir.resolve("server.crt").toString(),
                "--key-file", dir.resolve("server.key").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("etcd.log").toFile()).start();
    }

    @AfterAll
    static void stopEtcd() throws InterruptedException {
        if (etcd != null) {
            etcd.destroy();
            if (!etcd.waitFor(10, TimeUnit.SECONDS)) {
                etcd.destroyForcibly().waitFor();
            }
        }
    }

    static SitePlan plan() {
        PlannedMicroVm cp = new PlannedMicroVm("c1-cp-0", "c1", MicroVmRole.CONTROL_PLANE, "h1", 2, 2048, 10, "1.31.2",
                IP, Ipv4.macFor(IP));
        PlannedCluster cluster = new PlannedCluster("c1", "team-a", "1.31.2", List.of("c1-cp-0"), List.of(), List.of(),
                "127.0.0.43", "c1-cp-0");
        return new SitePlan("edge-1", 1, NOW, List.of(cp), List.of(cluster), List.of());
    }

    @Test
    void measuresSnapshotsAndRefusesAnotherClustersCertificate() throws Exception {
        SitePlan plan = plan();
        PlannedCluster cluster = plan.clusters().get(0);
        EtcdSnapshots snapshots = new EtcdSnapshots(dir.resolve("snapshots"), Duration.ofHours(1), 2);
        EtcdOverTls agent = new EtcdOverTls(id -> Optional.of(SECRETS), snapshots, Clock.systemUTC());

        EtcdState measured = awaitMeasured(agent, plan, cluster);
        assertEquals(List.of("c1-cp-0"), measured.voters(), measured.toString());
        assertTrue(measured.matches(List.of("c1-cp-0")));
        String step = agent.reconcile(plan, cluster, java.util.Set.of("c1-cp-0"));
        assertTrue(step.startsWith("etcd: ") && !step.contains("failed") && !step.contains("not yet"), step);
        assertTrue(agent.snapshotDue(cluster), "no snapshot yet");
        Path file = Path.of(agent.snapshot(plan, cluster));
        assertTrue(Files.size(file) > 0, file.toString());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(agent.snapshotDue(cluster), "just taken");

        ClusterSecrets other = ClusterPki.create("c2", NOW);
        EtcdOverTls stranger = new EtcdOverTls(id -> Optional.of(other), null, Clock.systemUTC());
        EtcdState refused = stranger.observe(plan, cluster);
        assertTrue(refused.measured());
        assertNotNull(refused.problem(), "a certificate of another CA must not pass etcd's TLS");
        assertFalse(refused.matches(List.of("c1-cp-0")));
    }

    static EtcdState awaitMeasured(EtcdOverTls agent, SitePlan plan, PlannedCluster cluster) throws InterruptedException {
        EtcdState state = null;
        for (int i = 0; i < 100; i++) {
            state = agent.observe(plan, cluster);
            if (state.problem() == null && !state.voters().isEmpty()) {
                return state;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("etcd over TLS never answered: " + state + "; see " + dir.resolve("etcd.log"));
    }

    static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (var walk = Files.walk(p)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
