package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.request.NetworkFunctionDeleteRequested;
import io.edgefleet.events.request.NetworkFunctionKind;
import io.edgefleet.events.request.NetworkFunctionRequested;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.localstack.testing.TestKafka;
import io.edgefleet.placement.QuotaRequests.Logged;
import io.edgefleet.placement.QuotaRequests.Sent;
import io.edgefleet.placement.intake.RequestBatchProcessor;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A team quota through a cluster's life: the cluster count, room given back by a delete (in the
 * same batch too), a limit lowered below usage that still lets the team shrink, and pinned cores
 * of network functions taken and freed; an accepted quota is published for the read side.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class TeamQuotaLifecycleTest extends FlowTest {
    @Inject
    RequestBatchProcessor processor;

    private String run;
    private String team;
    private String site;

    @BeforeEach
    void site() throws Exception {
        run = Long.toString(System.nanoTime(), 36);
        team = "quota-" + run;
        site = "tql-" + run;
        flow.send(TestFleet.heartbeat(site, 4));
        flow.awaitSiteKnown(site);
    }

    @Test
    void theClusterCountHoldsAndADeleteGivesItsRoomBack() throws Exception {
        assertTrue(decide(QuotaRequests.quota(team, null, null, null, 2)).get(0).accepted());
        List<Logged> two = decide(QuotaRequests.cluster(id("c1"), team, site), QuotaRequests.cluster(id("c2"), team, site),
                QuotaRequests.cluster(id("c3"), team, site));
        assertTrue(two.get(0).accepted() && two.get(1).accepted(), two.toString());
        assertEquals(new Logged(false, "QUOTA_EXCEEDED", "team " + team + " quota exceeded: clusters needs 1, used 2 of 2"),
                two.get(2));
        // A delete and a create in one batch: the create sees the room the delete gave back.
        List<Logged> swap = decide(new ClusterDeleteRequested(id("c1"), team, site, "done"),
                QuotaRequests.cluster(id("c3"), team, site));
        assertTrue(swap.get(0).accepted() && swap.get(1).accepted(), swap.toString());
        assertEquals(2, QuotaRequests.held(dataSource, team)[2]);
    }

    @Test
    void aLimitLoweredBelowUsageStillLetsTheTeamShrink() throws Exception {
        assertTrue(decide(QuotaRequests.cluster(id("c1"), team, site), QuotaRequests.cluster(id("c2"), team, site))
                .stream().allMatch(Logged::accepted), "no quota yet");
        assertTrue(decide(QuotaRequests.quota(team, 6L, null, null, null)).get(0).accepted(), "accepted below usage 12");
        List<Logged> after = decide(new ClusterScaleRequested(id("c1"), team, site, 0),
                new ClusterScaleRequested(id("c2"), team, site, 2), QuotaRequests.cluster(id("c3"), team, site));
        assertTrue(after.get(0).accepted(), "scaling down is always allowed: " + after.get(0));
        assertEquals(new Logged(false, "QUOTA_EXCEEDED", "team " + team + " quota exceeded: vcpu needs 4, used 8 of 6"),
                after.get(1));
        assertEquals("QUOTA_EXCEEDED", after.get(2).code());
        assertEquals(8, QuotaRequests.held(dataSource, team)[0]);
    }

    @Test
    void pinnedCoresOfNetworkFunctionsAreTakenAndFreed() throws Exception {
        assertTrue(decide(QuotaRequests.quota(team, null, null, 4L, null), QuotaRequests.cluster(id("c1"), team, site))
                .stream().allMatch(Logged::accepted));
        List<Logged> nfs = decide(upf("upf-1", 3), upf("upf-2", 2));
        assertTrue(nfs.get(0).accepted(), nfs.get(0).toString());
        assertEquals(new Logged(false, "QUOTA_EXCEEDED",
                "team " + team + " quota exceeded: pinned-cores needs 2, used 3 of 4"), nfs.get(1));
        List<Logged> again = decide(new NetworkFunctionDeleteRequested(id("upf-1"), team, site, id("c1"), "gone"),
                upf("upf-3", 2));
        assertTrue(again.get(0).accepted() && again.get(1).accepted(), again.toString());
        assertEquals(2, QuotaRequests.held(dataSource, team)[1]);
    }

    @Test
    void anAcceptedQuotaIsPublishedOnTheStatusTopicKeyedByTeam() throws Exception {
        Sent first = QuotaRequests.record(QuotaRequests.quota(team, 64L, null, 16L, 10), 0);
        Sent second = QuotaRequests.record(QuotaRequests.quota(team, null, 262144L, null, 3), 0);
        Sent refused = QuotaRequests.record(QuotaRequests.quota(team, -1L, null, null, null), 0);
        processor.process(QuotaRequests.records(List.of(first, second, refused)));
        Map<String, Logged> logged = QuotaRequests.outcomes(dataSource, List.of(first.requestId(),
                second.requestId(), refused.requestId()));
        assertTrue(logged.get(first.requestId()).accepted() && logged.get(second.requestId()).accepted(),
                logged.toString());
        assertEquals("INVALID_REQUEST", logged.get(refused.requestId()).code());

        // Each accepted set is published whole (a limit left out is null, not the earlier one), in order.
        flow.kafka.await(Topics.CLUSTER_STATUS, rec -> ("team:" + team).equals(rec.key())
                && second.requestId().equals(Flow.json(rec).path("requestId").asText()), Flow.WAIT)
                .orElseThrow(() -> new AssertionError("the second quota of " + team + " was not published"));
        List<TestKafka.Received> changes = flow.kafka.all(Topics.CLUSTER_STATUS,
                rec -> ("team:" + team).equals(rec.key()), Duration.ofSeconds(3));
        assertEquals(2, changes.size(), "one event per accepted set, none for the refused one");
        for (TestKafka.Received r : changes) {
            assertEquals(EventType.TEAM_QUOTA_CHANGED.ceType(), r.headers().get(CloudEventHeaders.TYPE));
            assertEquals(team, r.headers().get(CloudEventHeaders.SUBJECT));
        }
        JsonNode before = Flow.json(changes.get(0));
        assertEquals(first.requestId(), before.path("requestId").asText());
        assertEquals(64, before.path("vcpu").asLong());
        assertEquals(16, before.path("pinnedCores").asLong());
        JsonNode now = Flow.json(changes.get(1));
        assertEquals(second.requestId(), now.path("requestId").asText());
        assertTrue(now.path("vcpu").isMissingNode() || now.path("vcpu").isNull(), now.toString());
        assertEquals(262144, now.path("memoryMib").asLong());
        assertEquals(3, now.path("clusters").asInt());
        assertTrue(now.hasNonNull("changedAt"), now.toString());
    }

    private NetworkFunctionRequested upf(String nfId, int cores) {
        return new NetworkFunctionRequested(id(nfId), team, site, id("c1"), NetworkFunctionKind.UPF, 1, cores, 2, 4096,
                Map.of("physnet-a", 2));
    }

    private String id(String name) {
        return name + "-" + run;
    }

    /** Decides the requests as one batch; their outcomes in order. */
    private List<Logged> decide(EventPayload... requests) throws Exception {
        List<Sent> sent = new ArrayList<>();
        for (EventPayload r : requests) {
            sent.add(QuotaRequests.record(r, 0));
        }
        processor.process(QuotaRequests.records(sent));
        Map<String, Logged> logged = QuotaRequests.outcomes(dataSource, sent.stream().map(Sent::requestId).toList());
        return sent.stream().map(s -> logged.get(s.requestId())).toList();
    }
}
