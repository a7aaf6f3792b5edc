package io.edgefleet.localstack.testing;

import io.edgefleet.localstack.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives a Quarkus test the real Kafka broker and PostgreSQL: started once per test JVM and shared
 * by every test class of the module (Quarkus restarts the app when test resources differ, so all
 * classes use this one), stopped when the JVM exits.
 *
 * <p>To reuse servers a developer keeps running between runs, set
 * {@code -Dedgefleet.test.kafka=localhost:9092} and {@code -Dedgefleet.test.postgres=HOST:PORT}
 * (database {@code edgefleet}, user {@code postgres}, trust authentication).
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {
    private static LocalStack shared;

    @Override
    public Map<String, String> start() {
        String kafka = System.getProperty("edgefleet.test.kafka");
        String postgres = System.getProperty("edgefleet.test.postgres");
        if (kafka != null && postgres != null) {
            return config(kafka, postgres);
        }
        LocalStack stack = sharedStack();
        return config(stack.bootstrapServers(), "localhost:" + stack.postgres().port());
    }

    /** The stack of this JVM, started on first use. */
    public static synchronized LocalStack sharedStack() {
        if (shared == null) {
            Path dir = Path.of("target", "local-stack-" + ProcessHandle.current().pid());
            shared = LocalStack.onFreePorts(dir).start(false);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-stack-stop"));
            // A test profile restarts the app in a new class loader, where this field is null again:
            // the JVM-wide properties make that start reuse these servers instead of starting a second
            // stack on the same directory (whose broker then fails to lock its data).
            System.setProperty("edgefleet.test.kafka", shared.bootstrapServers());
            System.setProperty("edgefleet.test.postgres", "localhost:" + shared.postgres().port());
        }
        return shared;
    }

    private static Map<String, String> config(String kafka, String postgresHostPort) {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka);
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + postgresHostPort + "/edgefleet");
        config.put("quarkus.datasource.reactive.url", "postgresql://" + postgresHostPort + "/edgefleet");
        config.put("quarkus.datasource.username", "postgres");
        return config;
    }

    @Override
    public void stop() {
        // The stack outlives one test class on purpose; the JVM's shutdown hook stops it.
    }
}
