package io.edgefleet.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.validation.EventValidator;
import io.edgefleet.events.validation.Validated;
import io.edgefleet.events.validation.Violation;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 10,000 random mutations of valid requests (deterministic seed): each must either parse to a
 * request that is itself valid, or yield violations with paths and messages. Nothing may throw.
 */
class RequestFuzzTest {

    private static final long SEED = 20250601L;
    private static final int RUNS = 10_000;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<EventType> REQUESTS = List.of(EventType.values()).stream()
            .filter(EventType::isRequest).toList();

    @Test
    void mutatedRequestsAreEitherValidOrPreciselyRejected() throws Exception {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int valid = 0;
        int invalid = 0;

        for (int run = 0; run < RUNS; run++) {
            EventType type = REQUESTS.get(random.nextInt(REQUESTS.size()));
            String ceType = random.nextInt(50) == 0 ? mutateType(type.ceType(), random) : type.ceType();
            byte[] input = mutate(EventJson.mapper().readTree(ExamplesTest.example(type)), random);
            try {
                Validated<EventPayload> result = EventValidator.validate(ceType, input);
                if (result.isValid()) {
                    valid++;
                    checkValid(type, result.orElseThrow(), failures, run);
                } else {
                    invalid++;
                    checkInvalid(result.violations(), failures, run);
                }
            } catch (Throwable t) {
                failures.add("run " + run + ": threw " + t + " for " + new String(input, StandardCharsets.UTF_8));
            }
        }

        System.out.printf("request fuzz: %d runs, %d valid, %d invalid, seed %d%n", RUNS, valid, invalid, SEED);
        assertEquals(List.of(), failures.stream().limit(5).toList(), failures.size() + " failures");
        // Not a degenerate fuzzer: both outcomes are well represented.
        assertTrue(valid > RUNS / 20, "valid " + valid);
        assertTrue(invalid > RUNS / 2, "invalid " + invalid);
    }

    /** A valid result re-serialises to a valid payload equal to itself, and respects the hard limits. */
    private static void checkValid(EventType type, EventPayload payload, List<String> failures, int run) {
        Validated<EventPayload> again = EventValidator.validate(type, CloudEventCodec.toJson(payload));
        if (!again.equals(Validated.valid(payload))) {
            failures.add("run " + run + ": valid payload did not round-trip: " + again.violations());
        }
        if (payload instanceof ClusterRequested c && (!Set.of(1, 3, 5, 7).contains(c.controlPlane().replicas())
                || c.controlPlane().vcpu() < 1 || c.workers().count() < 0 || c.workers().count() > 64)) {
            failures.add("run " + run + ": accepted out-of-limit request " + c);
        }
        if (payload instanceof ClusterScaleRequested s && ((s.workerCount() == null && s.controlPlaneReplicas() == null)
                || s.controlPlaneReplicas() != null && !Set.of(1, 3, 5, 7).contains(s.controlPlaneReplicas()))) {
            failures.add("run " + run + ": accepted a scale request that changes nothing or breaks quorum " + s);
        }
    }

    private static void checkInvalid(List<Violation> violations, List<String> failures, int run) {
        for (Violation v : violations) {
            boolean pathOk = v.path().startsWith("$") || v.path().startsWith("ce_");
            if (!pathOk || v.message().isBlank() || v.message().length() > 600) {
                failures.add("run " + run + ": bad violation " + v);
            }
        }
    }

    private static String mutateType(String ceType, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> ceType.replace(".v1", ".v2");
            case 1 -> ceType.toUpperCase();
            case 2 -> "";
            default -> ceType + ".extra";
        };
    }

    private static byte[] mutate(JsonNode root, Random random) throws Exception {
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            root = mutateTree(root, random);
        }
        byte[] bytes = EventJson.mapper().writeValueAsBytes(root);
        if (random.nextInt(20) == 0) {
            return mutateBytes(bytes, random);
        }
        return bytes;
    }

    private static JsonNode mutateTree(JsonNode root, Random random) {
        if (random.nextInt(100) == 0) {
            return randomValue(random);
        }
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        if (containers.isEmpty()) {
            return randomValue(random);
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            int op = random.nextInt(4);
            if (names.isEmpty() || op == 0) {
                object.set(randomName(random), randomValue(random));
            } else {
                String name = names.get(random.nextInt(names.size()));
                switch (op) {
                    case 1 -> object.remove(name);
                    case 2 -> object.set(name, randomValue(random));
                    default -> object.set(name, nudge(object.get(name), random));
                }
            }
        } else if (target instanceof ArrayNode array) {
            if (array.isEmpty() || random.nextBoolean()) {
                array.add(randomValue(random));
            } else {
                array.remove(random.nextInt(array.size()));
            }
        }
        return root;
    }

    /** Small, plausible changes: off-by-one sizes, case changes, extreme numbers. */
    private static JsonNode nudge(JsonNode value, Random random) {
        if (value.isIntegralNumber()) {
            long v = value.asLong();
            long[] candidates = {v + 1, v - 1, 0, -v, v * 1000, Long.MAX_VALUE, Integer.MAX_VALUE + 1L};
            return F.numberNode(candidates[random.nextInt(candidates.length)]);
        }
        if (value.isTextual()) {
            String s = value.textValue();
            String[] candidates = {s.toLowerCase(), s.toUpperCase(), s + "-", "-" + s, s + s.repeat(20), s.replace('-', '_'), ""};
            return F.textNode(candidates[random.nextInt(candidates.length)]);
        }
        return randomValue(random);
    }

    private static JsonNode randomValue(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> F.nullNode();
            case 1 -> F.textNode("");
            case 2 -> F.textNode("x".repeat(random.nextInt(400)));
            case 3 -> F.numberNode(random.nextInt(2000) - 1000);
            case 4 -> F.numberNode(random.nextLong());
            case 5 -> F.numberNode(new BigInteger("123456789012345678901234567890"));
            case 6 -> F.numberNode(random.nextDouble() * 100);
            case 7 -> F.booleanNode(random.nextBoolean());
            case 8 -> F.objectNode().put("k", "v");
            case 9 -> F.arrayNode().add(1).add("two");
            case 10 -> F.textNode("MICROVM");
            case 11 -> F.textNode(String.valueOf(random.nextInt(100)));
            case 12 -> F.numberNode(new int[] {1, 3, 5, 7, 2, 4}[random.nextInt(6)]);
            default -> F.textNode("\u00e9\u0000\ud83d\ude00");
        };
    }

    private static String randomName(Random random) {
        String[] names = {"extra", "clusterId", "replicas", "controlPlaneReplicas", "workerCount", "vcpu", "ttlSeconds", "labels", "workers", "a.b/c", "", "kind"};
        return names[random.nextInt(names.length)];
    }

    private static void collectContainers(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.elements().forEachRemaining(child -> collectContainers(child, into));
        }
    }

    private static byte[] mutateBytes(byte[] bytes, Random random) {
        byte[] copy = java.util.Arrays.copyOf(bytes, bytes.length);
        switch (random.nextInt(3)) {
            case 0 -> {
                return java.util.Arrays.copyOf(copy, random.nextInt(copy.length + 1));
            }
            case 1 -> copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            default -> {
                byte[] huge = new byte[EventValidator.MAX_PAYLOAD_BYTES + 1];
                java.util.Arrays.fill(huge, (byte) ' ');
                System.arraycopy(copy, 0, huge, 0, copy.length);
                return huge;
            }
        }
        return copy;
    }
}
