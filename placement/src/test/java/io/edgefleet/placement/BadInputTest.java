package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * 10,000 fuzzed records (malformed JSON, wrong types, huge payloads, unknown and misplaced types,
 * hostile headers) mixed into 2,000 valid requests: the consumer never stops, and every record is
 * accounted for exactly once, by an outcome or by a dead letter.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class BadInputTest {
    private static final int FUZZED = 10_000;
    private static final int VALID = 2_000;
    private static final String SEQ = "x-test-seq";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void everyFuzzedRecordGetsExactlyOneOutcomeOrDeadLetterAndValidLoadIsPlaced() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (Flow flow = new Flow(bootstrapServers)) {
            List<String> siteIds = new ArrayList<>();
            for (int s = 0; s < 20; s++) {
                siteIds.add("fz-" + run + "-" + s);
            }
            TestSites.enroll(flow, siteIds);
            for (int s = 0; s < 20; s++) {
                flow.send(TestFleet.heartbeat("fz-" + run + "-" + s, 8));
            }
            flow.awaitSiteKnown("fz-" + run + "-19");
        }
        Random random = new Random(42);
        Map<String, String> validRequestIds = new HashMap<>();
        int total = FUZZED + VALID;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers,
                "linger.ms", 5, "max.request.size", 2_000_000), new StringSerializer(), new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            int valid = 0;
            for (int seq = 0; seq < total; seq++) {
                boolean isValid = valid < VALID && random.nextInt(6) == 0 || total - seq <= VALID - valid;
                ProducerRecord<String, byte[]> record;
                if (isValid) {
                    valid++;
                    String site = "fz-" + run + "-" + (seq % 20);
                    CloudEvent<?> event = CloudEvent.of("/fuzz-" + run,
                            new io.edgefleet.events.request.ClusterRequested("c" + run + "-" + seq, "team-a", site,
                                    "1.31", new io.edgefleet.events.request.ControlPlane(1, 1, 512, 5),
                                    io.edgefleet.events.request.Workers.bareMetal(0), null, Map.of()));
                    validRequestIds.put(String.valueOf(seq), event.requestId());
                    record = toRecord(CloudEventCodec.encode(event));
                } else {
                    record = fuzz(random, run, seq);
                }
                record.headers().add(SEQ, String.valueOf(seq).getBytes(StandardCharsets.UTF_8));
                sent.add(producer.send(record));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }

        // Account: each seq must be answered by an outcome (fuzz request ids are "/fuzz-RUN#SEQ") or a dead letter.
        Map<String, Integer> answers = new HashMap<>();
        Map<String, String> acceptedValid = new HashMap<>();
        Map<String, String> byRequestId = new HashMap<>();
        validRequestIds.forEach((seq, id) -> byRequestId.put(id, seq));
        String fuzzPrefix = "/fuzz-" + run + "#";
        // Gives up only when answers stop coming for a minute: on a busy machine the whole run can take
        // minutes, and that is slowness, not a lost answer.
        long stallLimit = Duration.ofSeconds(60).toNanos();
        long lastProgress = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "group.id", "fuzz-check-" + run, "enable.auto.commit", false), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.REQUEST_OUTCOMES, Topics.DEAD_LETTERS)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (answers.size() < total && System.nanoTime() - lastProgress < stallLimit) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    lastProgress = System.nanoTime();
                    String seq = null;
                    if (r.topic().equals(Topics.DEAD_LETTERS)) {
                        Header h = r.headers().lastHeader(SEQ);
                        String dlqTopic = header(r, CloudEventHeaders.DLQ_TOPIC);
                        if (h != null && Topics.CLUSTER_REQUESTS.equals(dlqTopic)
                                && r.headers().lastHeader("x-test-run") != null
                                && run.equals(header(r, "x-test-run"))) {
                            seq = new String(h.value(), StandardCharsets.UTF_8);
                        }
                    } else {
                        JsonNode outcome = EventJson.mapper().readTree(r.value());
                        String requestId = outcome.path("requestId").asText();
                        if (byRequestId.containsKey(requestId)) {
                            seq = byRequestId.get(requestId);
                            if (EventType.REQUEST_ACCEPTED.ceType().equals(header(r, CloudEventHeaders.TYPE))) {
                                acceptedValid.put(seq, requestId);
                            }
                        } else if (requestId.startsWith(fuzzPrefix)) {
                            seq = requestId.substring(fuzzPrefix.length());
                        }
                    }
                    if (seq != null) {
                        answers.merge(seq, 1, Integer::sum);
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        for (int seq = 0; seq < total; seq++) {
            int n = answers.getOrDefault(String.valueOf(seq), 0);
            if (n == 0) {
                missing.add(String.valueOf(seq));
            } else if (n > 1) {
                twice.add(String.valueOf(seq));
            }
        }
        assertTrue(missing.isEmpty(), missing.size() + " records without outcome or dead letter, e.g. "
                + missing.subList(0, Math.min(10, missing.size())));
        assertTrue(twice.isEmpty(), twice.size() + " records answered twice, e.g. " + twice.subList(0,
                Math.min(10, twice.size())));
        assertEquals(VALID, acceptedValid.size(), "every valid request in the mix was placed");
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static ProducerRecord<String, byte[]> toRecord(EncodedEvent e) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(e.topic(), e.key(), e.value());
        e.headers().forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    /** One hostile record; requests that still name themselves carry ce_source /fuzz-RUN and ce_id SEQ. */
    private static ProducerRecord<String, byte[]> fuzz(Random random, String run, int seq) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        headers.put(CloudEventHeaders.ID, String.valueOf(seq));
        headers.put(CloudEventHeaders.SOURCE, "/fuzz-" + run);
        headers.put(CloudEventHeaders.TYPE, EventType.CLUSTER_REQUESTED.ceType());
        headers.put(CloudEventHeaders.CONTENT_TYPE, "application/json");
        headers.put("x-test-run", run);
        String key = "fz-" + run + "-" + (seq % 20);
        String good = "{\"clusterId\":\"f" + seq + "\",\"team\":\"team-a\",\"siteId\":\"" + key + "\","
                + "\"kubernetesVersion\":\"1.31\",\"controlPlane\":{\"replicas\":1,\"vcpu\":1,\"memoryMib\":512,"
                + "\"diskGib\":5},\"workers\":{\"kind\":\"BARE_METAL\",\"count\":0}}";
        byte[] value;
        switch (random.nextInt(12)) {
            case 0 -> value = good.substring(0, random.nextInt(good.length())).getBytes(StandardCharsets.UTF_8);
            case 1 -> value = good.replace("\"replicas\":1", "\"replicas\":\"three\"").replace("\"team-a\"", "7")
                    .getBytes(StandardCharsets.UTF_8);
            case 2 -> {
                StringBuilder huge = new StringBuilder(good.substring(0, good.length() - 1)).append(",\"labels\":{");
                for (int i = 0; huge.length() < 66_000 + random.nextInt(20_000); i++) {
                    huge.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append("v".repeat(50))
                            .append('"');
                }
                value = huge.append("}}").toString().getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                headers.put(CloudEventHeaders.TYPE, "io.edgefleet.bogus.v1");
                value = good.getBytes(StandardCharsets.UTF_8);
            }
            case 4 -> {
                headers.remove(CloudEventHeaders.ID);
                value = good.getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> {
                value = new byte[random.nextInt(2000)];
                random.nextBytes(value);
            }
            case 6 -> {
                headers.put(CloudEventHeaders.TYPE, EventType.AGENT_HEARTBEAT.ceType());
                value = "{\"siteId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
            }
            case 7 -> {
                headers.put(CloudEventHeaders.TYPE, "io.edgefleet.cluster.requested.v2");
                value = good.getBytes(StandardCharsets.UTF_8);
            }
            case 8 -> value = random.nextBoolean() ? new byte[0] : null;
            case 9 -> {
                headers.put(CloudEventHeaders.SUBJECT, "sub\u0000ject\u0007");
                headers.put("x-evil", "\u0000\u0001\uFFFF");
                value = good.replace("\"f" + seq + "\"", "\"f\\u0000" + seq + "\"").getBytes(StandardCharsets.UTF_8);
            }
            case 10 -> {
                headers.put(CloudEventHeaders.CONTENT_TYPE, "application/cloudevents+json");
                value = ("{\"specversion\":\"1.0\",\"id\":\"" + seq + "\",\"source\":\"/fuzz-" + run
                        + "\",\"type\":\"io.edgefleet.cluster.requested.v1\",\"data\":[1,2,3]}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                headers.remove(CloudEventHeaders.SPEC_VERSION);
                headers.put(CloudEventHeaders.SOURCE, "");
                value = "[]".getBytes(StandardCharsets.UTF_8);
            }
        }
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.CLUSTER_REQUESTS,
                random.nextInt(10) == 0 ? null : key, value);
        headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return r;
    }
}
