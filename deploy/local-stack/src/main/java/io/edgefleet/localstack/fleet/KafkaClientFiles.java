package io.edgefleet.localstack.fleet;

import io.edgefleet.localstack.KafkaAccess;
import io.edgefleet.localstack.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local fleet's Kafka client settings for people and scripts, as the broker's admin user: {@code kafka/client.properties}
 * for Java clients ({@code kafka-console-consumer --command-config}, deploy/check) and {@code kafka/kcat.conf} for kcat
 * ({@code KCAT_CONFIG=...}), both 0600 since they hold the password. A plaintext fleet gets files with the bootstrap
 * servers only, so scripts read them either way.
 */
final class KafkaClientFiles {
    private KafkaClientFiles() {
    }

    static Path javaProperties(Path runDir) {
        return runDir.resolve("kafka/client.properties");
    }

    static Path kcatConfig(Path runDir) {
        return runDir.resolve("kafka/kcat.conf");
    }

    static void write(Path runDir, KafkaAccess kafka) throws IOException {
        List<String> java = new ArrayList<>();
        kafka.client(KafkaAccess.ADMIN).forEach((key, value) -> java.add(key + "=" + value));
        PrivateFiles.write(javaProperties(runDir), String.join("\n", java) + "\n");
        List<String> kcat = new ArrayList<>(List.of("bootstrap.servers=" + kafka.bootstrapServers()));
        if (kafka.saslSsl()) {
            kcat.addAll(List.of("security.protocol=SASL_SSL", "sasl.mechanisms=" + KafkaAccess.MECHANISM,
                    "sasl.username=" + KafkaAccess.ADMIN, "sasl.password=" + kafka.password(KafkaAccess.ADMIN),
                    "ssl.ca.location=" + kafka.caFile()));
        }
        PrivateFiles.write(kcatConfig(runDir), String.join("\n", kcat) + "\n");
    }
}
