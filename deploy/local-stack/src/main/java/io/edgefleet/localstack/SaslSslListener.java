package io.edgefleet.localstack;

import io.edgefleet.pki.CertificateAndKey;
import io.edgefleet.pki.Certificates;
import io.edgefleet.pki.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What makes the local broker a SASL_SSL broker like the production one (Strimzi's TLS listener with SCRAM-SHA-512
 * users): a CA of the stack's own and the broker's certificate signed by it ({@code tls/}), one random password per
 * user ({@code users/}), all made on the first start, kept (0600) and reused on every later one, so a restarted
 * local fleet keeps its trust and credentials. The broker learns the users when its storage is formatted.
 */
final class SaslSslListener {
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration BROKER_VALIDITY = Duration.ofDays(825);

    private final Path dir;
    private final Map<String, String> passwords = new LinkedHashMap<>();

    private SaslSslListener(Path dir) {
        this.dir = dir;
    }

    /** The CA, the broker's certificate and the users' passwords under {@code brokerDir}, made if missing. */
    static SaslSslListener prepare(Path brokerDir) throws IOException {
        SaslSslListener listener = new SaslSslListener(brokerDir);
        listener.makeCertificatesIfMissing();
        for (String user : KafkaAccess.USERS) {
            listener.passwords.put(user, listener.readOrMakePassword(user));
        }
        return listener;
    }

    Path caFile() {
        return dir.resolve("tls/ca.crt");
    }

    KafkaAccess access(String bootstrapServers) {
        return KafkaAccess.saslSsl(bootstrapServers, caFile(), passwords);
    }

    /** The broker's settings: SASL_SSL for clients and for its own inter-broker traffic; the KRaft controller stays local. */
    List<String> brokerConfig(String host, int port, int controllerPort) {
        return List.of(
                "listeners=SASL_SSL://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=SASL_SSL://" + host + ":" + port,
                "inter.broker.listener.name=SASL_SSL",
                "listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT",
                "sasl.enabled.mechanisms=" + KafkaAccess.MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + KafkaAccess.MECHANISM,
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
                        + KafkaAccess.jaas(KafkaAccess.ADMIN, passwords.get(KafkaAccess.ADMIN)),
                "ssl.keystore.type=PEM",
                "ssl.keystore.location=" + dir.resolve("tls/broker.pem"),
                "ssl.truststore.type=PEM",
                "ssl.truststore.location=" + caFile(),
                "ssl.client.auth=none");
    }

    /** The storage tool's arguments that create every user's SCRAM credential when the storage is formatted. */
    List<String> formatArguments() {
        List<String> arguments = new ArrayList<>();
        passwords.forEach((user, password) -> {
            arguments.add("--add-scram");
            arguments.add(KafkaAccess.MECHANISM + "=[name=" + user + ",password=" + password + "]");
        });
        return arguments;
    }

    private void makeCertificatesIfMissing() throws IOException {
        if (Files.exists(dir.resolve("tls/broker.pem"))) {
            return;
        }
        Instant now = Instant.now();
        CertificateAndKey ca = Certificates.authority("edgefleet local Kafka CA", now, CA_VALIDITY);
        CertificateAndKey broker = Certificates.peer(ca, "localhost", List.of("localhost"), List.of("127.0.0.1"),
                now, BROKER_VALIDITY);
        PrivateFiles.write(dir.resolve("tls/ca.key"), ca.privateKeyPem());
        // Kafka's PEM key store: the unencrypted PKCS#8 key, then the certificate chain, in one file.
        PrivateFiles.write(dir.resolve("tls/broker.pem"), Pem.pkcs8(broker.privateKeyPem()) + broker.certificatePem()
                + ca.certificatePem());
        Files.writeString(caFile(), ca.certificatePem(), StandardCharsets.US_ASCII);
    }

    private String readOrMakePassword(String user) throws IOException {
        Path file = dir.resolve("users/" + user + ".password");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        PrivateFiles.write(file, password + "\n");
        return password;
    }
}
