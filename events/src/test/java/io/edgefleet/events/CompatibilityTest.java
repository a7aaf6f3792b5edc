package io.edgefleet.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Readers ignore fields they do not know, so producers can extend a v1 event ahead of consumers. */
class CompatibilityTest {

    private static final String V1_WITH_EXTRAS = """
            {
              "clusterId": "ci-4711", "team": "ran-core", "siteId": "edge-par-01", "kubernetesVersion": "1.31",
              "controlPlane": {"replicas": 3, "vcpu": 2, "memoryMib": 4096, "diskGib": 20, "cpuModel": "host"},
              "workers": {"kind": "MICROVM", "count": 2, "vcpu": 4, "memoryMib": 8192, "diskGib": 40,
                          "gpu": {"model": "none"}},
              "ttlSeconds": 86400,
              "labels": {"ci.pipeline": "4711"},
              "priority": "HIGH",
              "costCentre": {"id": 42, "tags": ["a", "b"]}
            }
            """;

    @Test
    void v1EventWithExtraFieldsIsReadAsV1() {
        Map<String, String> headers = Map.of(
                "ce_specversion", "1.0", "ce_id", "1", "ce_source", "/newer-tool",
                "ce_type", "io.edgefleet.cluster.requested.v1", "content-type", "application/json");

        CloudEvent<ClusterRequested> event = CloudEventCodec
                .decode(headers, V1_WITH_EXTRAS.getBytes(StandardCharsets.UTF_8), ClusterRequested.class)
                .orElseThrow();

        assertEquals(new ClusterRequested("ci-4711", "ran-core", "edge-par-01", "1.31",
                Samples.clusterRequested().controlPlane(), Samples.clusterRequested().workers(), 86400L,
                Map.of("ci.pipeline", "4711")), event.data());
    }

    @Test
    void aWorkerScaleFromAProducerBeforeControlPlaneReplicasMeansWhatItMeant() {
        Map<String, String> headers = Map.of(
                "ce_specversion", "1.0", "ce_id", "2", "ce_source", "/older-tool",
                "ce_type", "io.edgefleet.cluster.scale-requested.v1", "content-type", "application/json");
        byte[] old = "{\"clusterId\":\"ci-4711\",\"team\":\"ran-core\",\"siteId\":\"edge-par-01\",\"workerCount\":4}"
                .getBytes(StandardCharsets.UTF_8);

        CloudEvent<ClusterScaleRequested> event = CloudEventCodec.decode(headers, old, ClusterScaleRequested.class)
                .orElseThrow();

        assertEquals(new ClusterScaleRequested("ci-4711", "ran-core", "edge-par-01", 4, null), event.data());
        assertEquals(new ClusterScaleRequested("ci-4711", "ran-core", "edge-par-01", 4), event.data(),
                "the constructor older Java producers call");
    }

    @Test
    void theSharedMapperAloneIgnoresUnknownFieldsToo() throws Exception {
        ClusterRequested read = EventJson.mapper().readValue(V1_WITH_EXTRAS, ClusterRequested.class);
        assertEquals("ci-4711", read.clusterId());
    }

    @Test
    void unknownCloudEventsExtensionHeadersAreIgnored() {
        var encoded = CloudEventCodec.encode(CloudEvent.of("/ops", Samples.clusterRequested()));
        var headers = new java.util.HashMap<>(encoded.headers());
        headers.put("ce_traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        headers.put("x-operator", "alice");

        assertEquals(Samples.clusterRequested(), CloudEventCodec.decode(headers, encoded.value()).orElseThrow().data());
    }
}
