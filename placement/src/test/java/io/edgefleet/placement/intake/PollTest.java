package io.edgefleet.placement.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.BootstrapState;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.HostStateChanged;
import io.edgefleet.events.report.MicroVmState;
import io.edgefleet.events.report.MicroVmStateChanged;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a poll of site reports is split for its two transactions: heartbeats and host states (the
 * short first one), the other reports, and dead letters; each site keeps its own order, and what
 * is left after the first commit is in offset order, so applying it record by record never moves
 * the report clock past a record not yet applied.
 */
class PollTest {
    private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");
    private long offset;

    private IncomingRecord record(EventPayload payload) {
        EncodedEvent e = CloudEventCodec.encode(CloudEvent.of("/test", payload));
        return new IncomingRecord(e.topic(), 0, offset++, 0, e.key(), e.headers(), e.value());
    }

    private IncomingRecord garbage(String key) {
        return new IncomingRecord("fleet.site-reports.v1", 0, offset++, 0, key,
                Map.of("ce_type", "io.edgefleet.agent.heartbeat.v1"), "{not json".getBytes(StandardCharsets.UTF_8));
    }

    private static MicroVmStateChanged vm(String site, String id) {
        return new MicroVmStateChanged(site, "h1", id, "c1", MicroVmState.RUNNING, null, 1, T);
    }

    @Test
    void inventoryReportsGoFirstInSiteOrderAndTheRestStaysInOffsetOrder() {
        IncomingRecord vmB = record(vm("site-b", "vm-1"));
        IncomingRecord beatB = record(AgentHeartbeat.light("site-b", "0.2.0", T, 5, "sha256:" + "a".repeat(64)));
        IncomingRecord bad = garbage("site-a");
        IncomingRecord downA = record(new HostStateChanged("site-a", "h1", HostState.DOWN, "power", T));
        IncomingRecord vmA = record(vm("site-a", "vm-2"));
        IncomingRecord beatA = record(new AgentHeartbeat("site-a", "0.1.0", T, 5, List.of()));

        Poll poll = Poll.of(List.of(vmB, beatB, bad, downA, vmA, beatA));

        assertEquals(List.of(downA, beatA, beatB), poll.inventory().stream().map(SiteInventory.Report::record).toList(),
                "sites in id order, each in its own order");
        assertEquals(List.of("vm-2", "vm-1"), poll.rest().stream()
                .map(e -> ((MicroVmStateChanged) e.data()).microVmId()).toList());
        assertEquals(List.of(vmB, bad, vmA), poll.otherRecords(), "offset order, inventory reports left out");
        assertEquals(1, poll.deadLetters().size());
        assertSame(bad, poll.otherRecords().get(1));
    }

    @Test
    void bootstrapReportsComeBeforeMicroVmReportsAsClustersAreLockedBeforeAllocations() {
        IncomingRecord vmA = record(vm("site-a", "vm-1"));
        IncomingRecord readyB = record(bootstrap("site-b", "c2"));
        IncomingRecord vmB = record(vm("site-b", "vm-2"));
        IncomingRecord readyA = record(bootstrap("site-a", "c1"));

        Poll poll = Poll.of(List.of(vmA, readyB, vmB, readyA));

        assertEquals(List.of("c1", "c2", "vm-1", "vm-2"), poll.rest().stream()
                .map(e -> e.data() instanceof ClusterBootstrapReported b ? b.clusterId()
                        : ((MicroVmStateChanged) e.data()).microVmId()).toList(),
                "bootstrap reports first, each kind in site order");
        assertEquals(List.of(vmA, readyB, vmB, readyA), poll.otherRecords(), "applied one by one: offset order");
    }

    private static ClusterBootstrapReported bootstrap(String site, String cluster) {
        return new ClusterBootstrapReported(site, cluster, BootstrapState.READY, "https://10.0.0.1:6443", 1, null, 1, T);
    }

    @Test
    void aPollOfHeartbeatsOnlyHasNothingElse() {
        Poll poll = Poll.of(List.of(record(AgentHeartbeat.light("site-a", "0.2.0", T, 5, "sha256:" + "b".repeat(64)))));
        assertEquals(1, poll.inventory().size());
        assertEquals(List.of(), poll.rest());
        assertEquals(List.of(), poll.otherRecords());
        assertEquals(List.of(), poll.deadLetters());
    }
}
