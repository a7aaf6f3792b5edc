package io.edgefleet.placement;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.identity.SiteSigner;
import io.edgefleet.events.request.SiteEnrollRequested;
import io.edgefleet.localstack.testing.TestKafka;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test sites' identity: one Ed25519 key pair for every test site, each site enrolled through
 * Kafka (as an operator would) before its first report, and every report signed as its agent signs.
 */
final class TestSites {
    static final KeyPair KEY = SiteKeys.generate();
    private static final Set<String> ENROLLED = ConcurrentHashMap.newKeySet();

    private TestSites() {
    }

    /** The report signed with the test key, as the site it speaks for (its record key). */
    static EncodedEvent signed(EncodedEvent report) {
        return new SiteSigner(report.key(), KEY.getPrivate()).sign(report);
    }

    /** Enrolls the test key for each site not enrolled yet by this JVM, and waits until placement accepted each. */
    static void enroll(Flow flow, Collection<String> siteIds) {
        List<CloudEvent<EventPayload>> pending = new ArrayList<>();
        for (String siteId : siteIds) {
            if (ENROLLED.add(siteId)) {
                pending.add(flow.sendRequest(new SiteEnrollRequested(siteId, SiteKeys.publicKeyPem(KEY.getPublic()),
                        "placement-tests")));
            }
        }
        for (CloudEvent<EventPayload> e : pending) {
            String type = flow.awaitOutcome(e.requestId()).path("type").asText();
            if (!EventType.REQUEST_ACCEPTED.ceType().equals(type)) {
                throw new AssertionError("enrolling site " + e.key() + " was not accepted: " + type);
            }
        }
    }

    /** Publishes a report from an enrolled, signing site (enrolling the site first if needed). */
    static void sendReport(TestKafka kafka, EventPayload report) {
        try (Flow flow = new Flow(kafka)) {
            enroll(flow, List.of(report.partitionKey()));
        }
        kafka.send(signed(CloudEventCodec.encode(CloudEvent.of("/test", report))));
    }
}
