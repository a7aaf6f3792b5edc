package io.edgefleet.localstack.fleet;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.request.SiteEnrollRequested;
import io.edgefleet.localstack.KafkaAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The simulated sites' identities (ADR 0007, 0010): each site's key pair under the run directory,
 * in the agent's own format ({@code sites/<site>.key}, PKCS#8 PEM, and {@code .pub} beside it),
 * made on the first start and reused on every later one; and their enrolment, done the way an
 * operator does it, with a {@code SiteEnrollRequested} on the request topic, waited for until
 * placement accepted it. Enrolled before the agents start, so placement (enforcing signatures)
 * drops none of their reports.
 */
public final class SiteIdentities {
    static final String SOURCE = "/local-fleet";

    private SiteIdentities() {
    }

    /** The agent's key file of a site ({@code edgefleet.agent.identity.key-file}). */
    public static Path keyFile(Path runDir, String siteId) {
        return runDir.resolve("sites").resolve(siteId + ".key");
    }

    /** The public key of the site's key file in PEM, creating the pair if there is none yet. */
    public static String publicKeyPem(Path keyFile) throws IOException {
        Path pub = keyFile.resolveSibling(keyFile.getFileName() + ".pub");
        if (Files.exists(keyFile) && Files.exists(pub)) {
            return Files.readString(pub, StandardCharsets.US_ASCII);
        }
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        KeyPair pair = SiteKeys.generate();
        Path tmp = Files.createTempFile(keyFile.toAbsolutePath().getParent(), ".site-key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            Files.writeString(tmp, SiteKeys.privateKeyPem(pair.getPrivate()), StandardCharsets.US_ASCII);
            String pem = SiteKeys.publicKeyPem(pair.getPublic());
            Files.writeString(pub, pem, StandardCharsets.US_ASCII);
            Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return pem;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Enrolls each site's public key and waits until placement accepted every enrolment.
     *
     * @param publicKeys PEM by site id
     */
    public static void enroll(KafkaAccess kafka, Map<String, String> publicKeys, Duration timeout) {
        Map<String, String> pending = new HashMap<>(); // request id -> site
        Map<String, Object> producerConfig = new HashMap<>(kafka.client(KafkaAccess.ADMIN));
        producerConfig.put("acks", "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new ByteArraySerializer())) {
            for (Map.Entry<String, String> site : publicKeys.entrySet()) {
                CloudEvent<SiteEnrollRequested> event = CloudEvent.of(SOURCE,
                        new SiteEnrollRequested(site.getKey(), site.getValue(), "local-fleet"));
                EncodedEvent e = CloudEventCodec.encode(event);
                ProducerRecord<String, byte[]> r = new ProducerRecord<>(e.topic(), e.key(), e.value());
                e.headers().forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(r).get();
                pending.put(event.requestId(), site.getKey());
            }
        } catch (Exception e) {
            throw new IllegalStateException("publishing the sites' enrolments failed: " + e, e);
        }
        awaitAccepted(kafka, pending, timeout);
    }

    private static void awaitAccepted(KafkaAccess kafka, Map<String, String> pending, Duration timeout) {
        List<String> rejected = new ArrayList<>();
        Map<String, Object> consumerConfig = new HashMap<>(kafka.client(KafkaAccess.ADMIN));
        consumerConfig.put("enable.auto.commit", false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REQUEST_OUTCOMES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    String requestId = requestId(r.value());
                    String site = requestId == null ? null : pending.remove(requestId);
                    if (site != null && !EventType.REQUEST_ACCEPTED.ceType().equals(header(r, "ce_type"))) {
                        rejected.add(site + ": " + new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        if (!rejected.isEmpty()) {
            throw new IllegalStateException("placement rejected the enrolment of " + rejected);
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException("placement did not answer the enrolment of " + pending.values() + " within "
                    + timeout.toSeconds() + " s");
        }
    }

    private static String requestId(byte[] value) {
        try {
            return EventJson.mapper().readTree(value).path("requestId").asText(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
