package io.edgefleet.events.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.EventType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventValidatorTest {

    private static final String CLUSTER_REQUESTED = "io.edgefleet.cluster.requested.v1";
    private static final String SCALE = "io.edgefleet.cluster.scale-requested.v1";

    private static List<String> problems(String ceType, String json) {
        return EventValidator.validate(ceType, json.getBytes(StandardCharsets.UTF_8)).violations().stream()
                .map(Violation::toString).toList();
    }

    @Test
    void listsEveryProblemWithItsPath() {
        String json = """
                {"clusterId":"Bad_ID","team":"ran-core","siteId":7,"kubernetesVersion":"latest",
                 "controlPlane":{"replicas":4,"vcpu":0,"memoryMib":99999999999,"diskGib":"10"},
                 "workers":{"kind":"VM","count":-1},
                 "ttlSeconds":5,"labels":{"Bad Key!":"v","ok":"bad value!"}}
                """;

        assertEquals(List.of(
                "$.clusterId: must be a DNS label: 1 to 63 characters a-z, 0-9 or '-', starting and ending with a letter or digit (got \"Bad_ID\")",
                "$.controlPlane.diskGib: must be an integer (got string \"10\")",
                "$.controlPlane.memoryMib: must be between 128 and 4194304 (got 99999999999)",
                "$.controlPlane.replicas: must be 1, 3, 5 or 7 (got 4)",
                "$.controlPlane.vcpu: must be between 1 and 256 (got 0)",
                "$.kubernetesVersion: must be a Kubernetes version such as 1.31 or v1.31.2 (got \"latest\")",
                "$.labels.ok: must be a Kubernetes label value: at most 63 characters A-Z, a-z, 0-9, '-', '_' or '.', starting and ending with a letter or digit (got \"bad value!\")",
                "$.labels['Bad Key!']: key must be a Kubernetes label key such as app.kubernetes.io/name, at most 317 characters (got \"Bad Key!\")",
                "$.siteId: must be a string (got integer 7)",
                "$.ttlSeconds: must be between 60 and 31536000 (got 5)",
                "$.workers.count: must be between 0 and 64 (got -1)",
                "$.workers.kind: must be BARE_METAL or MICROVM (got \"VM\")"),
                problems(CLUSTER_REQUESTED, json));
    }

    @Test
    void missingFieldsAreEachNamed() {
        assertEquals(List.of(
                "$.clusterId: is required",
                "$.controlPlane: is required",
                "$.kubernetesVersion: is required",
                "$.siteId: is required",
                "$.team: is required",
                "$.workers: is required"), problems(CLUSTER_REQUESTED, "{}"));
        assertEquals(List.of("$.workerCount: is required when controlPlaneReplicas is absent: a scale request names"
                        + " the new worker count, the new control-plane replica count (controlPlaneReplicas), or both"),
                problems(SCALE, "{\"clusterId\":\"c\",\"team\":\"t\",\"siteId\":\"s\",\"workerCount\":null}"));
    }

    @Test
    void aScaleNamesWorkersTheControlPlaneOrBothAndKeepsTheControlPlaneOdd() {
        String base = "{\"clusterId\":\"c\",\"team\":\"t\",\"siteId\":\"s\"";
        assertEquals(List.of(), problems(SCALE, base + ",\"workerCount\":2}"), "a producer before controlPlaneReplicas");
        assertEquals(List.of(), problems(SCALE, base + ",\"controlPlaneReplicas\":5}"));
        assertEquals(List.of(), problems(SCALE, base + ",\"controlPlaneReplicas\":7,\"workerCount\":0}"));
        assertEquals(List.of(), problems(SCALE, base + ",\"controlPlaneReplicas\":3,\"workerCount\":null}"));
        assertEquals(List.of("$.controlPlaneReplicas: must be 1, 3, 5 or 7 (got 4)"),
                problems(SCALE, base + ",\"controlPlaneReplicas\":4}"));
        assertEquals(List.of("$.controlPlaneReplicas: must be 1, 3, 5 or 7 (got 9)",
                        "$.workerCount: must be between 0 and 64 (got 65)"),
                problems(SCALE, base + ",\"controlPlaneReplicas\":9,\"workerCount\":65}"));
        assertEquals(List.of("$.controlPlaneReplicas: must be an integer or null (got string \"3\")"),
                problems(SCALE, base + ",\"controlPlaneReplicas\":\"3\"}"));
        List<String> neither = problems(SCALE, base + "}");
        assertEquals(1, neither.size(), neither.toString());
        assertTrue(neither.get(0).startsWith("$.workerCount: is required when controlPlaneReplicas is absent"), neither.get(0));
    }

    @Test
    void aClusterIsCreatedWithTheSameOddControlPlanesItCanScaleTo() {
        String before = "{\"clusterId\":\"c\",\"team\":\"t\",\"siteId\":\"s\",\"kubernetesVersion\":\"1.31\","
                + "\"controlPlane\":{\"replicas\":";
        String after = ",\"vcpu\":2,\"memoryMib\":4096,\"diskGib\":20},\"workers\":{\"kind\":\"BARE_METAL\",\"count\":0}}";
        for (int replicas : new int[] {1, 3, 5, 7}) {
            assertEquals(List.of(), problems(CLUSTER_REQUESTED, before + replicas + after), replicas + " replicas");
        }
        for (int replicas : new int[] {0, 2, 6, 9}) {
            assertEquals(List.of("$.controlPlane.replicas: must be 1, 3, 5 or 7 (got " + replicas + ")"),
                    problems(CLUSTER_REQUESTED, before + replicas + after), replicas + " replicas");
        }
        // A create and a scale name the same counts: a cluster made with 7 can scale to 5 and back.
        assertEquals(enumOf(CLUSTER_REQUESTED, "/properties/controlPlane/properties/replicas"),
                enumOf(SCALE, "/properties/controlPlaneReplicas"));
    }

    /** The enum of the schema at {@code pointer}, without a null member (optional fields list it). */
    private static List<Integer> enumOf(String ceType, String pointer) {
        try (var in = EventValidatorTest.class.getResourceAsStream("/schemas/" + ceType + ".json")) {
            var node = io.edgefleet.events.EventJson.mapper().readTree(in).at(pointer).path("enum");
            List<Integer> out = new java.util.ArrayList<>();
            node.forEach(n -> {
                if (!n.isNull()) {
                    out.add(n.asInt());
                }
            });
            assertFalse(out.isEmpty(), ceType + pointer);
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void workerSizeIsRequiredForMicroVmsAndForbiddenForBareMetal() {
        String base = "{\"clusterId\":\"c\",\"team\":\"t\",\"siteId\":\"s\",\"kubernetesVersion\":\"1.31\","
                + "\"controlPlane\":{\"replicas\":1,\"vcpu\":2,\"memoryMib\":2048,\"diskGib\":10},";
        assertEquals(List.of("$.workers.diskGib: is required for MICROVM workers",
                        "$.workers.memoryMib: is required for MICROVM workers"),
                problems(CLUSTER_REQUESTED, base + "\"workers\":{\"kind\":\"MICROVM\",\"count\":1,\"vcpu\":2}}"));
        assertEquals(List.of("$.workers.vcpu: must not be set for BARE_METAL workers: a bare-metal worker is a whole host"),
                problems(CLUSTER_REQUESTED, base + "\"workers\":{\"kind\":\"BARE_METAL\",\"count\":1,\"vcpu\":2}}"));
        assertEquals(List.of(), problems(CLUSTER_REQUESTED, base + "\"workers\":{\"kind\":\"BARE_METAL\",\"count\":3}}"));
    }

    @Test
    void networkFunctionLimits() {
        String json = """
                {"nfId":"upf-1","team":"ran","siteId":"s1","clusterId":"c1","kind":"AMF","replicas":0,
                 "pinnedCores":-2,"hugepages1Gi":5000,"memoryMib":0,"vfsByPhysnet":{"physnet-a":1000,"Phys_B":1}}
                """;
        assertEquals(List.of(
                "$.hugepages1Gi: must be between 0 and 1024 (got 5000)",
                "$.kind: must be UPF, DU or CU (got \"AMF\")",
                "$.memoryMib: must be between 128 and 4194304 (got 0)",
                "$.pinnedCores: must be between 1 and 256 (got -2)",
                "$.replicas: must be between 1 and 16 (got 0)",
                "$.vfsByPhysnet.Phys_B: key must be a DNS label: 1 to 63 characters a-z, 0-9 or '-', starting and ending with a letter or digit (got \"Phys_B\")",
                "$.vfsByPhysnet['physnet-a']: must be between 0 and 256 (got 1000)"),
                problems("io.edgefleet.networkfunction.requested.v1", json));
    }

    @Test
    void unknownTypeAndUnknownVersionAreTold() {
        assertEquals(List.of("ce_type: version 'v2' of io.edgefleet.cluster.requested is not supported;"
                        + " this reader speaks io.edgefleet.cluster.requested.v1"),
                problems("io.edgefleet.cluster.requested.v2", "{}"));
        Violation unknown = EventValidator.validate("com.example.order.created.v1", "{}".getBytes()).violations().get(0);
        assertEquals(ViolationCode.UNKNOWN_TYPE, unknown.code());
        assertEquals("ce_type", unknown.path());
        assertTrue(unknown.message().startsWith("unknown event type 'com.example.order.created.v1'; requests are io.edgefleet.cluster.requested.v1, "), unknown.message());
        assertEquals(ViolationCode.REQUIRED, EventValidator.validate((String) null, "{}".getBytes()).violations().get(0).code());
    }

    @Test
    void payloadOver64KiBIsRefusedUnparsed() {
        byte[] big = ("{\"clusterId\":\"" + "a".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        var result = EventValidator.validate(CLUSTER_REQUESTED, big);
        assertEquals(List.of(new Violation("$", ViolationCode.PAYLOAD_TOO_LARGE,
                "payload is " + big.length + " bytes, the limit is 65536")), result.violations());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "null", "[]", "42", "\"x\"", "{", "{}}", "{} {}", "{\"a\":1,\"a\":2}",
            "\u0000\u0001", "{\"clusterId\":\"\ud800\"}", "{\"ttlSeconds\":1e999999}", "{\"ttlSeconds\":-0.0}"})
    void garbageNeverThrows(String input) {
        var result = EventValidator.validate(CLUSTER_REQUESTED, input.getBytes(StandardCharsets.UTF_8));
        assertFalse(result.isValid());
        assertFalse(result.violations().isEmpty());
    }

    @Test
    void duplicateFieldsAndDeepNestingAreMalformed() {
        var dup = EventValidator.validate(CLUSTER_REQUESTED, "{\"team\":\"a\",\"team\":\"b\"}".getBytes());
        assertEquals(ViolationCode.MALFORMED_JSON, dup.violations().get(0).code());
        assertTrue(dup.violations().get(0).message().contains("Duplicate field 'team'"), dup.violations().toString());

        String deep = "{\"labels\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        var nested = EventValidator.validate(CLUSTER_REQUESTED, deep.getBytes());
        assertEquals(ViolationCode.MALFORMED_JSON, nested.violations().get(0).code());
    }

    @Test
    void randomBytesNeverThrow() {
        var random = new java.util.Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            for (EventType type : EventType.values()) {
                assertFalse(EventValidator.validate(type, bytes).violations().isEmpty());
            }
        }
    }

    @Test
    void typedValidateBindsTheRecord() {
        String json = "{\"siteId\":\"s1\",\"hostId\":\"h1\",\"state\":\"DOWN\",\"observedAt\":\"2025-06-01T14:00:00+02:00\"}";
        var result = EventValidator.validate(io.edgefleet.events.report.HostStateChanged.class, json.getBytes());
        assertEquals(java.time.Instant.parse("2025-06-01T12:00:00Z"), result.orElseThrow().observedAt());
    }
}
