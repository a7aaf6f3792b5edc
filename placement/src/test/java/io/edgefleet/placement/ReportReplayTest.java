package io.edgefleet.placement;

import static io.edgefleet.placement.SiteIdentityTest.awaitDropped;
import static io.edgefleet.placement.SiteIdentityTest.awaitHosts;
import static io.edgefleet.placement.SiteIdentityTest.dropped;
import static io.edgefleet.placement.SiteIdentityTest.enroll;
import static io.edgefleet.placement.SiteIdentityTest.heartbeat;
import static io.edgefleet.placement.SiteIdentityTest.hosts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.Topics;
import io.edgefleet.events.identity.FreshnessClaims;
import io.edgefleet.events.identity.ReportSequence;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.identity.SiteSigner;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.localstack.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Signed reports cannot be replayed (ADR 0027), over the real broker and PostgreSQL: a heartbeat captured
 * from the report topic and published again by a raw producer is dropped as REPLAYED, one signed long ago
 * (or ahead of placement's clock) as STALE, while the site's own reports keep being applied. The replayed
 * heartbeat lists fewer hosts than the site has now: applied, it would shrink the site.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class ReportReplayTest extends FlowTest {

    @Test
    void aSignedReportPublishedAgainIsDroppedAsReplayedAndTheSiteKeepsItsState() throws Exception {
        KeyPair key = SiteKeys.generate();
        enroll(flow, "replay-a", key);
        SiteSigner agent = new SiteSigner("replay-a", key.getPrivate());
        EncodedEvent first = agent.sign(heartbeat("replay-a", 2));
        flow.kafka.send(first);
        awaitHosts("replay-a", 2);
        flow.kafka.send(agent.sign(heartbeat("replay-a", 3)));
        awaitHosts("replay-a", 3);

        // What anyone who can read the topic and write to it can do: take a record as it is and send it again.
        String id = first.headers().get(CloudEventHeaders.ID);
        TestKafka.Received captured = flow.kafka.await(Topics.SITE_REPORTS, r -> "replay-a".equals(r.key())
                && id.equals(r.headers().get(CloudEventHeaders.ID)), Flow.WAIT)
                .orElseThrow(() -> new AssertionError("the first heartbeat is not on the topic"));
        double before = dropped("REPLAYED");
        flow.kafka.send(captured.topic(), captured.key(), captured.headers(), captured.value());
        awaitDropped("REPLAYED", before);
        assertEquals(3, hosts("replay-a"), "the replayed heartbeat was not applied");

        // The agent's next report is applied as usual.
        flow.kafka.send(agent.sign(heartbeat("replay-a", 4)));
        awaitHosts("replay-a", 4);
    }

    @Test
    void aReportSignedLongAgoOrAheadOfPlacementsClockIsDroppedAsStale() throws Exception {
        KeyPair key = SiteKeys.generate();
        enroll(flow, "replay-stale", key);
        SiteSigner agent = new SiteSigner("replay-stale", key.getPrivate());
        flow.kafka.send(agent.sign(heartbeat("replay-stale", 2)));
        awaitHosts("replay-stale", 2);

        double before = dropped("STALE");
        long tenMinutesAgo = Instant.now().minusSeconds(600).getEpochSecond();
        flow.kafka.send(agent.sign(heartbeat("replay-stale", 5), new FreshnessClaims(tenMinutesAgo, ReportSequence.next())));
        awaitDropped("STALE", before);
        long tenMinutesAhead = Instant.now().plusSeconds(600).getEpochSecond();
        flow.kafka.send(agent.sign(heartbeat("replay-stale", 6), new FreshnessClaims(tenMinutesAhead, ReportSequence.next())));
        awaitDropped("STALE", before + 1);
        assertEquals(2, hosts("replay-stale"), "neither stale heartbeat was applied");

        flow.kafka.send(agent.sign(heartbeat("replay-stale", 3)));
        awaitHosts("replay-stale", 3);
    }

    @Test
    void theNewReasonsAreExposedFromTheStart() {
        String metrics = RestAssured.get("/q/metrics").asString();
        for (String reason : new String[] {"REPLAYED", "STALE"}) {
            assertTrue(metrics.contains("fleet_placement_site_reports_dropped_total{reason=\"" + reason + "\"}"), reason);
        }
    }
}
