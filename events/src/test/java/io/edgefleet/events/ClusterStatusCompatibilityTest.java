package io.edgefleet.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.outcome.NodePlacement;
import io.edgefleet.events.outcome.UpgradeProgress;
import io.edgefleet.events.outcome.UpgradeState;
import io.edgefleet.events.plan.MicroVmRole;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cluster status gained the cluster's Kubernetes version and its upgrade's progress: a status written by a
 * producer before those fields still reads, as the same value the older constructor makes, and a new one
 * carries both through the codec.
 */
class ClusterStatusCompatibilityTest {
    private static final Map<String, String> HEADERS = Map.of("ce_specversion", "1.0", "ce_id", "7",
            "ce_source", "/placement", "ce_type", "io.edgefleet.cluster.status-changed.v1",
            "content-type", "application/json");

    @Test
    void aStatusFromBeforeTheVersionFieldsReadsAsBefore() {
        byte[] old = ("{\"clusterId\":\"c1\",\"team\":\"ran-core\",\"siteId\":\"par-01\",\"status\":\"READY\","
                + "\"reason\":null,\"placement\":[{\"microVmId\":\"c1-cp-0\",\"role\":\"CONTROL_PLANE\",\"hostId\":\"h1\"}],"
                + "\"apiServerEndpoint\":\"https://10.0.0.5:6443\",\"changedAt\":\"2026-01-02T03:04:05Z\"}")
                .getBytes(StandardCharsets.UTF_8);

        ClusterStatusChanged read = CloudEventCodec.decode(HEADERS, old, ClusterStatusChanged.class).orElseThrow().data();

        assertNull(read.kubernetesVersion());
        assertNull(read.upgrade());
        assertEquals(new ClusterStatusChanged("c1", "ran-core", "par-01", ClusterStatus.READY, null,
                List.of(new NodePlacement("c1-cp-0", MicroVmRole.CONTROL_PLANE, "h1")), "https://10.0.0.5:6443",
                Instant.parse("2026-01-02T03:04:05Z")), read, "the constructor older producers call");
    }

    @Test
    void aRollingUpgradeTravelsWithTheStatus() {
        ClusterStatusChanged sent = new ClusterStatusChanged("c1", "ran-core", "par-01", ClusterStatus.READY,
                "upgrading 1.31 -> 1.32: control plane replica 2 of 3", List.of(), null,
                Instant.parse("2026-01-02T03:04:05Z"), "1.31",
                new UpgradeProgress("1.31", "1.32", "control plane replica 2 of 3", UpgradeState.ROLLING, null));
        EncodedEvent encoded = CloudEventCodec.encode(CloudEvent.of("/placement", sent));

        ClusterStatusChanged read = CloudEventCodec.decode(encoded.headers(), encoded.value(), ClusterStatusChanged.class)
                .orElseThrow().data();

        assertEquals(sent, read);
        assertEquals(UpgradeState.ROLLING, read.upgrade().state());
    }
}
