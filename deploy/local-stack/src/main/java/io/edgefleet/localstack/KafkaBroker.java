package io.edgefleet.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A real, single-node Apache Kafka broker (KRaft: broker and controller in one process), forked
 * in a JVM of its own from the classpath that module {@code kafka-broker} resolved at build time.
 *
 * <p>A separate JVM keeps the broker's own slf4j/Jackson versions away from the Quarkus
 * applications, and it is the same broker operators run.
 */
public final class KafkaBroker {
    private static final String CLASSPATH_RESOURCE = "/edgefleet/kafka-broker.classpath";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final KafkaSecurity security;
    /** The mutual-TLS listener's port of a SASL_SSL broker (picked at start: no client is configured with it). */
    private int mutualTlsPort;
    private SaslSslListener saslSsl;

    public KafkaBroker(Path dir, int port, int controllerPort) {
        this(dir, port, controllerPort, KafkaSecurity.PLAINTEXT);
    }

    public KafkaBroker(Path dir, int port, int controllerPort, KafkaSecurity security) {
        this.dir = dir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.security = security;
    }

    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** How clients reach this broker; on a SASL_SSL broker, known once {@link #start} prepared its credentials. */
    public KafkaAccess access() {
        if (security == KafkaSecurity.PLAINTEXT) {
            return KafkaAccess.plaintext(bootstrapServers());
        }
        if (saslSsl == null) {
            throw new IllegalStateException("the SASL_SSL broker in " + dir + " has not been started");
        }
        return saslSsl.access(bootstrapServers(), "localhost:" + mutualTlsPort);
    }

    /** Formats the storage (first start only), starts the broker and waits for its port. */
    public StackProcess start(boolean detached) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        boolean formatted = Files.exists(dir.resolve("data/meta.properties"));
        if (security == KafkaSecurity.SASL_SSL) {
            if (formatted && !Files.exists(dir.resolve("users"))) {
                throw new IllegalStateException("the broker in " + dir + " was made without SASL_SSL, so it has no"
                        + " users: remove that directory, or start it plaintext");
            }
            saslSsl = SaslSslListener.prepare(dir);
            mutualTlsPort = FreePorts.pick();
        }
        Path config = writeConfig();
        Path log4j = writeLog4jConfig();
        Path log = dir.resolve("kafka.log");
        if (!formatted) {
            format(config, log4j, log);
        }
        StackProcess broker = StackProcess.start("kafka", java(log4j, "kafka.Kafka", config.toString()),
                Map.of(), dir, log, detached);
        FreePorts.awaitOpen(port, START_TIMEOUT, "Kafka broker", broker);
        return broker;
    }

    private void format(Path config, Path log4j, Path log) throws IOException, InterruptedException {
        List<String> command = java(log4j, "kafka.tools.StorageTool",
                "format", "-t", clusterId(), "-c", config.toString(), "--ignore-formatted");
        if (saslSsl != null) {
            command.addAll(saslSsl.formatArguments());
        }
        Process format = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (format.waitFor() != 0) {
            throw new IllegalStateException("formatting Kafka storage failed; see " + log);
        }
    }

    private List<String> java(Path log4j, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dedgefleet.stack=" + dir,
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp", brokerClasspath(), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private Path writeConfig() throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "controller.listener.names=CONTROLLER"));
        lines.addAll(saslSsl != null ? saslSsl.brokerConfig("localhost", port, mutualTlsPort, controllerPort) : List.of(
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"));
        lines.addAll(List.of(
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=4",
                // Topics are created explicitly (see KafkaTopics); a typo must fail, not create one.
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // Flushing every second stops the kernel's writeback bursts from stalling
                // PostgreSQL's commits on the same disk (measured: p99 250 ms -> 30 ms at 4k/s).
                "log.flush.interval.ms=1000",
                "log.flush.scheduler.interval.ms=250",
                "log.segment.bytes=67108864",
                "log.cleaner.dedupe.buffer.size=16777216",
                ""));
        Path file = dir.resolve("server.properties");
        // It may hold the broker's own password: readable by its owner only, before it is written.
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);
        return file;
    }

    private Path writeLog4jConfig() throws IOException {
        String config = String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = out",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.out.ref = out",
                "logger.server.name = kafka.server.KafkaRaftServer",
                "logger.server.level = info",
                "");
        Path file = dir.resolve("log4j2.properties");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * A random KRaft cluster id. Base64url may start with '-', which the storage tool's argument
     * parser then takes for an option; like Kafka's own generator, we draw again in that case.
     */
    static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the broker classpath " + CLASSPATH_RESOURCE
                        + " is missing: build module deploy/kafka-broker first (./mvnw install -DskipTests)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
