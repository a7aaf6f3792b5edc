package io.edgefleet.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The real infrastructure the fleet manager needs: one Kafka broker and one PostgreSQL server,
 * on free ports under one directory. Used by the tests and by {@code deploy/local/fleet}.
 */
public final class LocalStack implements AutoCloseable {
    private final Path dir;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private StackProcess kafkaProcess;
    private long postgresPid;

    public LocalStack(Path dir, int kafkaPort, int postgresPort) {
        this(dir, kafkaPort, postgresPort, KafkaSecurity.PLAINTEXT);
    }

    public LocalStack(Path dir, int kafkaPort, int postgresPort, KafkaSecurity kafkaSecurity) {
        this.dir = dir.toAbsolutePath();
        this.kafka = new KafkaBroker(this.dir.resolve("kafka"), kafkaPort, FreePorts.pick(), kafkaSecurity);
        this.postgres = new PostgresServer(this.dir.resolve("postgres"), postgresPort);
    }

    /** A stack on free ports. */
    public static LocalStack onFreePorts(Path dir) {
        return new LocalStack(dir, FreePorts.pick(), FreePorts.pick());
    }

    /** Starts PostgreSQL and the broker (in parallel: the broker's JVM start dominates), then the topics. */
    public LocalStack start(boolean detached) {
        try {
            CompletableFuture<Long> pg = CompletableFuture.supplyAsync(this::startPostgres);
            kafkaProcess = kafka.start(detached);
            postgresPid = pg.join();
            KafkaTopics.create(kafka.access(), KafkaTopics.FLEET);
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("starting the local stack in " + dir + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting the local stack", e);
        } catch (RuntimeException e) {
            close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private long startPostgres() {
        try {
            return postgres.start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting PostgreSQL failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting PostgreSQL", e);
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** How clients reach the broker (its security settings and users' credentials); known once started. */
    public KafkaAccess kafkaAccess() {
        return kafka.access();
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public StackProcess kafkaProcess() {
        return kafkaProcess;
    }

    public long postgresPid() {
        return postgresPid;
    }

    @Override
    public void close() {
        if (kafkaProcess != null) {
            kafkaProcess.stop(Duration.ofSeconds(20));
        }
        try {
            postgres.stop();
        } catch (IOException e) {
            System.err.println("stopping PostgreSQL failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
