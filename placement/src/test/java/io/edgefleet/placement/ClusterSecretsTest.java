package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.SiteEnrollRequested;
import io.edgefleet.events.secret.ClusterSecretsSealed;
import io.edgefleet.events.secret.SealedKey;
import io.edgefleet.events.validation.Validated;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.pki.ClusterSecrets;
import io.edgefleet.pki.Sealed;
import io.edgefleet.pki.Sealing;
import io.edgefleet.pki.SealingException;
import io.edgefleet.pki.WrappedKey;
import io.edgefleet.pki.X25519Keys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.EdECPrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cluster secrets over the real broker and PostgreSQL (ADR 0024): a new cluster's secrets appear sealed in its
 * SITE's partition of fleet.cluster-secrets.v1, open for the configured reader and the site's enrolled key
 * (its Ed25519 seed turned into X25519, as the agent does) and for nobody else; a host key enrolled later gets
 * a new generation it can open; deleting the cluster leaves a tombstone; the database holds ciphertext only.
 */
@QuarkusTest
@TestProfile(SecretsTestKeys.class)
@WithTestResource(LocalStackTestResource.class)
class ClusterSecretsTest extends FlowTest {
    private static final String SITE = "sec-1";
    private static final String CLUSTER = "c-sec-1";

    @Test
    void aClusterGetsSecretsSealedForItsSiteAndTheReadersThenATombstone() throws Exception {
        flow.send(TestFleet.heartbeat(SITE, 2)); // enrolls the test site key first
        flow.awaitSiteKnown(SITE);
        try (SecretsPartition partition = new SecretsPartition(bootstrapServers, SITE)) {
            long t0 = System.nanoTime();
            accepted(flow.sendRequest(TestFleet.cluster(CLUSTER, SITE, 1)));

            ClusterSecretsSealed first = sealed(partition.await(r -> CLUSTER.equals(r.key()) && r.value() != null,
                    Flow.WAIT));
            System.out.printf("secrets of %s sealed and published %d ms after the request%n", CLUSTER,
                    (System.nanoTime() - t0) / 1_000_000);
            assertEquals(1, first.generation());
            assertEquals(SITE, first.siteId());
            assertEquals("team-a", first.team());
            assertEquals(List.of("reader:" + SecretsTestKeys.READER, "site:" + SITE), recipients(first));

            ClusterSecrets secrets = open(first, "reader:" + SecretsTestKeys.READER, SecretsTestKeys.readerPrivateKey());
            assertEquals(CLUSTER, secrets.clusterId());
            X509Certificate ca = certificate(secrets.kubernetesCa().certificatePem());
            assertTrue(ca.getBasicConstraints() >= 0, "the cluster CA is a CA");
            assertTrue(ca.getKeyUsage()[5], "the cluster CA signs certificates (keyCertSign)");
            assertEquals("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(ca.getPublicKey().getEncoded())), secrets.caCertHash());
            ClusterSecrets asTheSite = open(first, "site:" + SITE, x25519Of(TestSites.KEY.getPrivate()));
            assertArrayEquals(secrets.encode(), asTheSite.encode(), "the site's agent opens the same secrets");
            Sealed sealed = sealedOf(first);
            assertThrows(SealingException.class, () -> Sealing.open(sealed, "site:" + SITE,
                    x25519Of(SiteKeys.generate().getPrivate()), aad(first)), "another key does not open it");
            assertThrows(SealingException.class, () -> Sealing.open(sealed, "site:" + SITE,
                    x25519Of(TestSites.KEY.getPrivate()), ClusterSecretsSealed.associatedData(CLUSTER, "sec-2")),
                    "nor does it open as another site's");
            storedEncrypted(secrets);

            KeyPair host = SiteKeys.generate();
            enroll(host, "h1");
            ClusterSecretsSealed second = sealed(partition.await(r -> CLUSTER.equals(r.key()) && r.value() != null
                    && sealed(r).generation() == 2, Flow.WAIT));
            assertEquals(List.of("host:" + SITE + "/h1", "reader:" + SecretsTestKeys.READER, "site:" + SITE),
                    recipients(second));
            assertArrayEquals(secrets.encode(), open(second, "host:" + SITE + "/h1", x25519Of(host.getPrivate())).encode(),
                    "the same secrets, now also for the newly enrolled host");

            accepted(flow.sendRequest(new ClusterDeleteRequested(CLUSTER, "team-a", SITE, "done")));
            partition.await(r -> CLUSTER.equals(r.key()) && r.value() == null, Flow.WAIT);
            awaitTrue(() -> storedRows(CLUSTER) == 0, "the deleted cluster's secrets row is gone");
        }
        String metrics = RestAssured.get("/q/metrics").asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("fleet_placement_cluster_secrets_issued_total")
                && !l.endsWith(" 0.0")), "issued counted");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("fleet_placement_cluster_secrets_sealed_total")
                && !l.endsWith(" 0.0")), "sealings counted");
        assertTrue(RestAssured.get("/q/health/ready").asString().contains("placement-cluster-secrets"));
    }

    private void accepted(CloudEvent<EventPayload> request) {
        JsonNode outcome = flow.awaitOutcome(request.requestId());
        assertEquals(EventType.REQUEST_ACCEPTED.ceType(), outcome.path("type").asText(), outcome.toString());
    }

    private void enroll(KeyPair key, String hostId) {
        accepted(flow.sendRequest(new SiteEnrollRequested(SITE, SiteKeys.publicKeyPem(key.getPublic()),
                "secrets-test", hostId)));
    }

    /** The row holds the key id and a box that is neither the PEM nor the encoding of the secrets. */
    private void storedEncrypted(ClusterSecrets secrets) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select key_id, secrets, generation, site_id"
                     + " from cluster_secret where cluster_id = ?")) {
            ps.setString(1, CLUSTER);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "a row for the cluster");
                assertTrue(rs.getString(1).startsWith("kek-"), rs.getString(1));
                String stored = new String(rs.getBytes(2), StandardCharsets.ISO_8859_1);
                assertFalse(stored.contains("BEGIN"), "no PEM in the database");
                assertFalse(stored.contains(secrets.bootstrapToken()), "no token in the database");
                assertEquals(SITE, rs.getString(4));
            }
        }
    }

    private int storedRows(String clusterId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from cluster_secret where cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static ClusterSecretsSealed sealed(SecretsPartition.Record r) {
        Validated<CloudEvent<ClusterSecretsSealed>> decoded = CloudEventCodec.decode(r.headers(), r.value(),
                ClusterSecretsSealed.class);
        if (!(decoded instanceof Validated.Valid<CloudEvent<ClusterSecretsSealed>> valid)) {
            throw new AssertionError("not a valid " + EventType.CLUSTER_SECRETS_SEALED.ceType() + ": " + decoded);
        }
        assertEquals(CLUSTER, valid.value().subject());
        return valid.value().data();
    }

    private static List<String> recipients(ClusterSecretsSealed event) {
        return event.sealed().keys().stream().map(SealedKey::recipient).sorted().toList();
    }

    private static ClusterSecrets open(ClusterSecretsSealed event, String recipient, byte[] x25519Private) {
        return ClusterSecrets.decode(Sealing.open(sealedOf(event), recipient, x25519Private, aad(event)));
    }

    private static byte[] aad(ClusterSecretsSealed event) {
        return ClusterSecretsSealed.associatedData(event.clusterId(), event.siteId());
    }

    private static Sealed sealedOf(ClusterSecretsSealed event) {
        Base64.Decoder b64 = Base64.getDecoder();
        return new Sealed(b64.decode(event.sealed().nonce()), b64.decode(event.sealed().ciphertext()),
                event.sealed().keys().stream().map(k -> new WrappedKey(k.recipient(), b64.decode(k.encapsulatedKey()),
                        b64.decode(k.wrappedKey()))).toList());
    }

    /** An agent's X25519 private key, from its Ed25519 key's seed. */
    private static byte[] x25519Of(PrivateKey ed25519) {
        byte[] seed = ((EdECPrivateKey) ed25519).getBytes().orElseThrow();
        return X25519Keys.privateFromEd25519Seed(seed);
    }

    private static X509Certificate certificate(String pem) throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertNotNull(cert);
        return cert;
    }
}
