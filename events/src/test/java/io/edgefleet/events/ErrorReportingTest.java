package io.edgefleet.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.outcome.RequestRejected;
import io.edgefleet.events.validation.InvalidEventException;
import io.edgefleet.events.validation.Violation;
import io.edgefleet.events.validation.ViolationCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How violations reach operators: structured-mode paths, rejections, dead letters. */
class ErrorReportingTest {

    @Test
    void structuredModeReportsDataProblemsUnderData() {
        String event = """
                {"specversion":"1.0","id":"1","source":"/ops","type":"io.edgefleet.cluster.scale-requested.v1",
                 "time":"not a time","data":{"clusterId":"c1","team":"t","siteId":"s1","workerCount":99}}
                """;
        var decoded = CloudEventCodec.decode(Map.of("content-type", "application/cloudevents+json"),
                event.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(
                        "$.time: must be an RFC 3339 time such as 2025-06-01T12:00:00Z (got not a time)",
                        "$.data.workerCount: must be between 0 and 64 (got 99)"),
                decoded.violations().stream().map(Violation::toString).toList());
    }

    @Test
    void binaryModeReportsHeadersAndPayloadTogether() {
        var decoded = CloudEventCodec.decode(
                Map.of("ce_specversion", "1.0", "ce_id", "1", "ce_type", "io.edgefleet.cluster.delete-requested.v1"),
                "{\"clusterId\":\"c1\",\"team\":\"t\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(
                        "ce_source: is required and must not be blank",
                        "$.siteId: is required"),
                decoded.violations().stream().map(Violation::toString).toList());
    }

    @Test
    void otherContentTypesAreRefused() {
        var decoded = CloudEventCodec.decode(Map.of("content-type", "application/avro"), new byte[] {1, 2});
        assertEquals(ViolationCode.UNSUPPORTED_CONTENT_TYPE, decoded.violations().get(0).code());
    }

    @Test
    void rejectionCarriesEveryMessageAndPath() {
        List<Violation> violations = List.of(
                new Violation("$.controlPlane.replicas", ViolationCode.NOT_ALLOWED, "must be 1, 3, 5 or 7 (got 4)"),
                new Violation("$.workers.count", ViolationCode.OUT_OF_RANGE, "must be between 0 and 64 (got 100)"));

        RequestRejected rejected = RequestRejected.invalid("/ops#1", "s1", RequestKind.CLUSTER_CREATE, "c1",
                violations, Samples.T);

        assertEquals(RequestRejected.INVALID_REQUEST, rejected.code());
        assertEquals("$.controlPlane.replicas: must be 1, 3, 5 or 7 (got 4)\n$.workers.count: must be between 0 and 64 (got 100)",
                rejected.message());
        assertEquals(List.of("$.controlPlane.replicas", "$.workers.count"), rejected.paths());
    }

    @Test
    void deadLetterHeadersKeepTheOriginalOnesAndSayWhy() {
        var decoded = CloudEventCodec.decode(Map.of("ce_type", "nope"), "{".getBytes());
        var headers = DeadLetters.headers(Map.of("ce_type", "nope"), decoded.violations(),
                Topics.CLUSTER_REQUESTS, 3, 1234L);
        assertEquals("nope", headers.get("ce_type"));
        assertEquals("BAD_HEADER", headers.get(CloudEventHeaders.DLQ_CODE));
        assertEquals("fleet.cluster-requests.v1", headers.get(CloudEventHeaders.DLQ_TOPIC));
        assertEquals("3", headers.get(CloudEventHeaders.DLQ_PARTITION));
        assertEquals("1234", headers.get(CloudEventHeaders.DLQ_OFFSET));
        assertEquals(decoded.violations().size(), headers.get(CloudEventHeaders.DLQ_REASON).split("\n").length);
    }

    @Test
    void orElseThrowListsEveryViolation() {
        var decoded = CloudEventCodec.decode(Map.of(), "{}".getBytes());
        var e = assertThrows(InvalidEventException.class, decoded::orElseThrow);
        assertEquals(decoded.violations(), e.violations());
    }
}
