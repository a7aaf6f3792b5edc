package io.edgefleet.localstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a client reaches the local broker: its bootstrap servers and, on a SASL_SSL stack, the settings every
 * client needs (SCRAM-SHA-512 over TLS, the stack's CA as trust store) plus one user's password. The same keys
 * as an operator's {@code kafka.*} settings (docs/operate.md), so a service started by the stack reads them
 * exactly as it does in production.
 */
public final class KafkaAccess {
    /** The broker's own user (inter-broker traffic, topic creation, test tools). */
    public static final String ADMIN = "admin";
    public static final String PLACEMENT = "placement";
    public static final String FLEET_API = "fleet-api";
    public static final String SITE_AGENT = "site-agent";
    static final List<String> USERS = List.of(ADMIN, PLACEMENT, FLEET_API, SITE_AGENT);
    public static final String MECHANISM = "SCRAM-SHA-512";

    private final String bootstrapServers;
    private final Path caFile;
    private final Map<String, String> passwords;
    private final String mutualTlsBootstrapServers;
    private final Map<String, Path> keyStores;

    private KafkaAccess(String bootstrapServers, Path caFile, Map<String, String> passwords,
                        String mutualTlsBootstrapServers, Map<String, Path> keyStores) {
        this.bootstrapServers = bootstrapServers;
        this.caFile = caFile;
        this.passwords = Map.copyOf(passwords);
        this.mutualTlsBootstrapServers = mutualTlsBootstrapServers;
        this.keyStores = Map.copyOf(keyStores);
    }

    public static KafkaAccess plaintext(String bootstrapServers) {
        return new KafkaAccess(bootstrapServers, null, Map.of(), null, Map.of());
    }

    static KafkaAccess saslSsl(String bootstrapServers, Path caFile, Map<String, String> passwords,
                               String mutualTlsBootstrapServers, Map<String, Path> keyStores) {
        return new KafkaAccess(bootstrapServers, caFile, passwords, mutualTlsBootstrapServers, keyStores);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean saslSsl() {
        return caFile != null;
    }

    /** The broker's CA certificate (PEM); only on a SASL_SSL stack. */
    public Path caFile() {
        if (caFile == null) {
            throw new IllegalStateException("a plaintext broker has no CA");
        }
        return caFile;
    }

    /** Everything a Kafka client acting as {@code user} needs, keys as Kafka names them. */
    public Map<String, Object> client(String user) {
        Map<String, Object> config = new LinkedHashMap<>(settings());
        if (saslSsl()) {
            config.put("sasl.jaas.config", jaas(user, password(user)));
        }
        return config;
    }

    /**
     * A client acting as {@code user} through the broker's mutual-TLS listener: no password, a client certificate of
     * the stack's CA instead ({@code ssl.keystore.*}, PEM), as with Strimzi's {@code tls} user authentication.
     */
    public Map<String, Object> mutualTlsClient(String user) {
        Path keyStore = keyStores.get(user);
        if (keyStore == null) {
            throw new IllegalArgumentException("no client certificate for Kafka user " + user + " on this stack");
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", mutualTlsBootstrapServers);
        config.put("security.protocol", "SSL");
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.location", caFile().toString());
        config.put("ssl.keystore.type", "PEM");
        config.put("ssl.keystore.location", keyStore.toString());
        return config;
    }

    /**
     * The same without the password, as {@code kafka.*} properties: safe on a command line, where any local
     * user can read them. The password travels in {@link #secretEnvironment}.
     */
    public Map<String, String> serviceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        settings().forEach((key, value) -> properties.put("kafka." + key, value));
        return properties;
    }

    /** The secret part for a service acting as {@code user}, as the environment variable Quarkus maps to {@code kafka.sasl.jaas.config}. */
    public Map<String, String> secretEnvironment(String user) {
        return saslSsl() ? Map.of("KAFKA_SASL_JAAS_CONFIG", jaas(user, password(user))) : Map.of();
    }

    /** A client configuration with a JAAS line of the caller's choosing (for tests of refused credentials). */
    public static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", bootstrapServers);
        if (saslSsl()) {
            settings.put("security.protocol", "SASL_SSL");
            settings.put("sasl.mechanism", MECHANISM);
            settings.put("ssl.truststore.type", "PEM");
            settings.put("ssl.truststore.location", caFile.toString());
        }
        return settings;
    }

    /** A user's password on its own, for tools that want it apart from a JAAS line (kcat). */
    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka user " + user + " on this stack; users: " + USERS);
        }
        return password;
    }

    @Override
    public String toString() {
        return "KafkaAccess[" + bootstrapServers + (saslSsl() ? ", SASL_SSL, users " + passwords.keySet() : ", PLAINTEXT") + "]";
    }
}
