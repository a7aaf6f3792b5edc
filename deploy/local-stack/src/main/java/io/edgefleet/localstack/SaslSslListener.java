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
 * users, and a mutual-TLS listener for certificate users): a CA of the stack's own, the broker's certificate and one
 * client certificate per user signed by it ({@code tls/}), one random password per user ({@code users/}), all made
 * on the first start, kept (0600) and reused on every later one, so a restarted
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

    KafkaAccess access(String bootstrapServers, String mutualTlsBootstrapServers) {
        Map<String, Path> keyStores = new LinkedHashMap<>();
        passwords.keySet().forEach(user -> keyStores.put(user, clientKeyStore(user)));
        return KafkaAccess.saslSsl(bootstrapServers, caFile(), passwords, mutualTlsBootstrapServers, keyStores);
    }

    /**
     * The broker's settings: SASL_SSL for clients and for its own inter-broker traffic, an SSL listener that requires
     * a client certificate of the stack's CA (mutual TLS, Strimzi's {@code tls} authentication), and the KRaft
     * controller local.
     */
    List<String> brokerConfig(String host, int port, int mutualTlsPort, int controllerPort) {
        return List.of(
                "listeners=SASL_SSL://" + host + ":" + port + ",SSL://" + host + ":" + mutualTlsPort
                        + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=SASL_SSL://" + host + ":" + port + ",SSL://" + host + ":" + mutualTlsPort,
                "inter.broker.listener.name=SASL_SSL",
                "listener.security.protocol.map=SASL_SSL:SASL_SSL,SSL:SSL,CONTROLLER:PLAINTEXT",
                "listener.name.ssl.ssl.client.auth=required",
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

    /** Kafka's PEM key store of a user's client certificate (CN = the user), for the mutual-TLS listener. */
    private Path clientKeyStore(String user) {
        return dir.resolve("tls/users/" + user + ".pem");
    }

    private void makeCertificatesIfMissing() throws IOException {
        Instant now = Instant.now();
        if (!Files.exists(dir.resolve("tls/broker.pem"))) {
            CertificateAndKey ca = Certificates.authority("edgefleet local Kafka CA", now, CA_VALIDITY);
            CertificateAndKey broker = Certificates.peer(ca, "localhost", List.of("localhost"), List.of("127.0.0.1"),
                    now, BROKER_VALIDITY);
            PrivateFiles.write(dir.resolve("tls/ca.key"), ca.privateKeyPem());
            PrivateFiles.write(dir.resolve("tls/broker.pem"), keyStore(broker, ca));
            Files.writeString(caFile(), ca.certificatePem(), StandardCharsets.US_ASCII);
        }
        CertificateAndKey ca = null;
        for (String user : KafkaAccess.USERS) {
            if (!Files.exists(clientKeyStore(user))) { // also for a broker made before it had client certificates
                if (ca == null) {
                    ca = new CertificateAndKey(Files.readString(caFile(), StandardCharsets.US_ASCII),
                            Files.readString(dir.resolve("tls/ca.key"), StandardCharsets.US_ASCII));
                }
                PrivateFiles.write(clientKeyStore(user),
                        keyStore(Certificates.client(ca, user, List.of(), now, BROKER_VALIDITY), ca));
            }
        }
    }

    /** Kafka's PEM key store: the unencrypted PKCS#8 key, then the certificate chain, in one file. */
    private static String keyStore(CertificateAndKey leaf, CertificateAndKey ca) {
        return Pem.pkcs8(leaf.privateKeyPem()) + leaf.certificatePem() + ca.certificatePem();
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
