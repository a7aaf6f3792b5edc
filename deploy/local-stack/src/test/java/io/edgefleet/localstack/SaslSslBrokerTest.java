package io.edgefleet.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.Topics;
import io.edgefleet.pki.CertificateAndKey;
import io.edgefleet.pki.Certificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local broker as a SASL_SSL broker: every user the stack made reaches it over TLS with its SCRAM password, or
 * with its client certificate on the mutual-TLS listener; a wrong password, a client that does not trust the broker's
 * certificate, a client without certificate on the mutual-TLS listener and a plaintext client are all refused.
 */
class SaslSslBrokerTest {
    private static final Path DIR = Path.of("target", "sasl-ssl-broker-test").toAbsolutePath();
    private static StackProcess process;
    private static KafkaAccess kafka;

    @BeforeAll
    static void start() throws Exception {
        deleteRecursively(DIR); // a first start, as on a fresh machine: formatted with the users, certificates made
        KafkaBroker broker = new KafkaBroker(DIR, FreePorts.pick(), FreePorts.pick(), KafkaSecurity.SASL_SSL);
        process = broker.start(false);
        kafka = broker.access();
        KafkaTopics.create(kafka, List.of(new KafkaTopics.Topic(Topics.DEAD_LETTERS, 1, false)));
    }

    @AfterAll
    static void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(20));
        }
    }

    @Test
    void everyUserOfTheStackSendsAndReadsOverTls() throws Exception {
        assertTrue(kafka.saslSsl());
        for (String user : KafkaAccess.USERS) {
            String value = "hello from " + user;
            send(kafka.client(user), value);
            assertTrue(readBack(kafka.client(user), value), user + " read its record back");
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> client = new HashMap<>(kafka.client(KafkaAccess.PLACEMENT));
        client.put("sasl.jaas.config", KafkaAccess.jaas(KafkaAccess.PLACEMENT, "not-the-password"));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> send(client, "must not arrive"));
        assertInstanceOf(SaslAuthenticationException.class, refused.getCause(), refused.toString());
    }

    @Test
    void aClientThatDoesNotTrustTheBrokersCaIsRefused() throws Exception {
        CertificateAndKey otherCa = Certificates.authority("some other CA", Instant.now(), Duration.ofDays(1));
        Path otherCaFile = Files.writeString(DIR.resolve("other-ca.crt"), otherCa.certificatePem());
        Map<String, Object> client = new HashMap<>(kafka.client(KafkaAccess.PLACEMENT));
        client.put("ssl.truststore.location", otherCaFile.toString());
        ExecutionException refused = assertThrows(ExecutionException.class, () -> send(client, "must not arrive"));
        assertInstanceOf(SslAuthenticationException.class, refused.getCause(), refused.toString());
    }

    @Test
    void aClientWithACertificateOfTheStacksCaGetsInThroughMutualTls() throws Exception {
        Map<String, Object> client = kafka.mutualTlsClient(KafkaAccess.SITE_AGENT);
        assertFalse(client.containsKey("sasl.jaas.config"), "no password on the mutual-TLS listener");
        send(client, "hello over mutual TLS");
        assertTrue(readBack(client, "hello over mutual TLS"));
    }

    @Test
    void theClientCertificateMayAlsoBeGivenInlineAsTheHelmChartDoes() throws Exception {
        // The chart passes a Kafka user secret's user.crt and user.key as KAFKA_SSL_KEYSTORE_CERTIFICATE_CHAIN/_KEY.
        Map<String, Object> client = new HashMap<>(kafka.mutualTlsClient(KafkaAccess.FLEET_API));
        String keyStore = Files.readString(Path.of((String) client.remove("ssl.keystore.location")));
        int chainStart = keyStore.indexOf("-----BEGIN CERTIFICATE-----");
        client.put("ssl.keystore.key", keyStore.substring(0, chainStart));
        client.put("ssl.keystore.certificate.chain", keyStore.substring(chainStart));
        send(client, "hello with an inline certificate");
        assertTrue(readBack(client, "hello with an inline certificate"));
    }

    @Test
    void theMutualTlsListenerRefusesAClientWithoutCertificate() {
        Map<String, Object> client = new HashMap<>(kafka.mutualTlsClient(KafkaAccess.SITE_AGENT));
        client.remove("ssl.keystore.type");
        client.remove("ssl.keystore.location");
        ExecutionException refused = assertThrows(ExecutionException.class, () -> send(client, "must not arrive"));
        assertInstanceOf(SslAuthenticationException.class, refused.getCause(), refused.toString());
    }

    @Test
    void aPlaintextClientGetsNothingThrough() {
        Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers(), "max.block.ms", 3000);
        Exception refused = assertThrows(Exception.class, () -> send(client, "must not arrive"));
        assertFalse(refused.toString().isEmpty());
    }

    @Test
    void theSecretsAreReadableByTheirOwnerOnly() throws Exception {
        for (Path secret : List.of(DIR.resolve("tls/ca.key"), DIR.resolve("tls/broker.pem"),
                DIR.resolve("users/" + KafkaAccess.PLACEMENT + ".password"), DIR.resolve("server.properties"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)), secret.toString());
        }
        assertFalse(kafka.serviceProperties().toString().contains(kafka.password(KafkaAccess.PLACEMENT)),
                "the properties a service gets on its command line carry no password");
        assertTrue(kafka.secretEnvironment(KafkaAccess.PLACEMENT).get("KAFKA_SASL_JAAS_CONFIG")
                .contains(kafka.password(KafkaAccess.PLACEMENT)));
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void send(Map<String, Object> client, String value) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.putIfAbsent("max.block.ms", 15000);
        config.put("delivery.timeout.ms", 15000);
        config.put("request.timeout.ms", 5000);
        try (var producer = new KafkaProducer<String, String>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS, "k", value)).get();
        }
    }

    private static boolean readBack(Map<String, Object> client, String value) {
        try (var consumer = new KafkaConsumer<String, String>(client, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.DEAD_LETTERS, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (value.equals(r.value())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
