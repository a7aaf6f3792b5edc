package io.edgefleet.localstack;

import io.edgefleet.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the fleet's topics on the local broker, with the partitions and cleanup policy that
 * events/README.md documents (production topics are declared in deploy/ as KafkaTopic resources).
 */
public final class KafkaTopics {
    /** One topic: name, partitions, and whether it is compacted (latest value per key). */
    public record Topic(String name, int partitions, boolean compacted) {
    }

    /** The topics of the fleet. Site-keyed topics have several partitions so work spreads by site. */
    public static final List<Topic> FLEET = List.of(
            new Topic(Topics.CLUSTER_REQUESTS, 8, false),
            new Topic(Topics.REQUEST_OUTCOMES, 8, false),
            new Topic(Topics.CLUSTER_STATUS, 4, true),
            new Topic(Topics.SITE_PLANS, 8, true),
            new Topic(Topics.SITE_REPORTS, 8, false),
            new Topic(Topics.CLUSTER_SECRETS, 8, true),
            new Topic(Topics.DEAD_LETTERS, 1, false));

    private KafkaTopics() {
    }

    /** Waits until the plaintext broker answers, then creates every missing topic. */
    public static void create(String bootstrapServers, List<Topic> topics) {
        create(KafkaAccess.plaintext(bootstrapServers), topics);
    }

    /** Waits until the broker answers its admin user, then creates every missing topic. */
    public static void create(KafkaAccess access, List<Topic> topics) {
        String bootstrapServers = access.bootstrapServers();
        Properties props = new Properties();
        props.putAll(access.client(KafkaAccess.ADMIN));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = awaitTopicNames(admin);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1)
                            .configs(t.compacted() ? Map.of("cleanup.policy", "compact") : Map.of()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("creating Kafka topics on " + bootstrapServers + " failed: " + e, e);
        }
    }

    private static Set<String> awaitTopicNames(Admin admin) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return admin.listTopics().names().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Kafka broker did not answer within 60 s: " + e, e);
                }
                Thread.sleep(250);
            }
        }
    }
}
