package io.edgefleet.placement;

import static io.edgefleet.placement.SiteIdentityTest.awaitDropped;
import static io.edgefleet.placement.SiteIdentityTest.awaitHosts;
import static io.edgefleet.placement.SiteIdentityTest.dropped;
import static io.edgefleet.placement.SiteIdentityTest.hosts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.identity.SiteSignatures;
import io.edgefleet.events.identity.SiteSigner;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.HostStateChanged;
import io.edgefleet.events.request.SiteEnrollRequested;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * Host identities (ADR 0022) over the real broker and PostgreSQL: a host agent's reports, signed
 * with the key enrolled for its host, are applied; signed with another host's key, or speaking for
 * another host, they are dropped and counted by reason; re-enrolling a host rotates that host's key
 * only; reports without {@code ce_sitehost} are checked with the site's key as before. A report's
 * effect is seen in the site's host count (each host agent's full beat makes its own host known).
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class HostIdentityTest extends FlowTest {

    /** Host {@code i}'s agent's full heartbeat, listing exactly its own host. */
    private static EncodedEvent hostBeat(String siteId, int i) {
        AgentHeartbeat all = TestFleet.heartbeat(siteId, i, 3600, n -> HostState.READY, n -> n == i);
        return encode(new AgentHeartbeat(siteId, "test", all.sentAt(), 3600, all.hosts(), null, "h" + i, null));
    }

    private static EncodedEvent encode(EventPayload report) {
        return CloudEventCodec.encode(CloudEvent.of("/site-agent/" + report.partitionKey(), report));
    }

    private static EncodedEvent signedBy(String siteId, String hostId, KeyPair key, EncodedEvent report) {
        return new SiteSigner(siteId, hostId, key.getPrivate()).sign(report);
    }

    private void enroll(String siteId, String hostId, KeyPair key) {
        CloudEvent<EventPayload> request = flow.sendRequest(new SiteEnrollRequested(siteId,
                SiteKeys.publicKeyPem(key.getPublic()), "identity-test", hostId));
        JsonNode outcome = flow.awaitOutcome(request.requestId());
        assertEquals(EventType.REQUEST_ACCEPTED.ceType(), outcome.path("type").asText(), outcome.toString());
        assertEquals("SITE_ENROLL", outcome.path("data").path("kind").asText());
    }

    @Test
    void aHostSignedReportIsAppliedAndAnotherHostsKeyIsRefused() throws Exception {
        KeyPair h1 = SiteKeys.generate();
        KeyPair h2 = SiteKeys.generate();
        enroll("hid-1", "h1", h1);
        enroll("hid-1", "h2", h2);
        EncodedEvent own = signedBy("hid-1", "h1", h1, hostBeat("hid-1", 1));
        assertEquals("h1", own.headers().get(SiteSignatures.HOST_HEADER));
        flow.kafka.send(own);
        awaitHosts("hid-1", 1);

        double badSignature = dropped("BAD_SIGNATURE");
        // h1's key signing h2's report and naming h2: h2's enrolled key does not verify it.
        flow.kafka.send(signedBy("hid-1", "h2", h1, hostBeat("hid-1", 2)));
        awaitDropped("BAD_SIGNATURE", badSignature);
        assertEquals(1, hosts("hid-1"), "a report signed with another host's key was not applied");
        // Same partition (key = site): the refused one came first.
        flow.kafka.send(signedBy("hid-1", "h2", h2, hostBeat("hid-1", 2)));
        awaitHosts("hid-1", 2);
    }

    @Test
    void aHostIdentitySpeakingForAnotherHostIsRefusedWithItsReason() throws Exception {
        KeyPair h1 = SiteKeys.generate();
        enroll("hid-2", "h1", h1);
        flow.kafka.send(signedBy("hid-2", "h1", h1, hostBeat("hid-2", 1)));
        awaitHosts("hid-2", 1);

        double wrongHost = dropped("WRONG_HOST");
        // Validly signed by h1, but a heartbeat of h2 and a host-state report about h2.
        flow.kafka.send(signedBy("hid-2", "h1", h1, hostBeat("hid-2", 2)));
        flow.kafka.send(signedBy("hid-2", "h1", h1, encode(new HostStateChanged("hid-2", "h2", HostState.CORDONED,
                "forged", Instant.now().truncatedTo(ChronoUnit.MILLIS)))));
        awaitDropped("WRONG_HOST", wrongHost + 1);
        assertEquals(1, hosts("hid-2"), "h1's key made no other host known");

        double unknownHost = dropped("UNKNOWN_HOST");
        KeyPair h3 = SiteKeys.generate();
        flow.kafka.send(signedBy("hid-2", "h3", h3, hostBeat("hid-2", 3)));
        awaitDropped("UNKNOWN_HOST", unknownHost);
        enroll("hid-2", "h3", h3);
        flow.kafka.send(signedBy("hid-2", "h3", h3, hostBeat("hid-2", 3)));
        awaitHosts("hid-2", 2);
    }

    @Test
    void reEnrollingAHostRotatesThatHostsKeyOnlyAndSiteWideReportsAreUnchanged() throws Exception {
        KeyPair site = SiteKeys.generate();
        KeyPair h1 = SiteKeys.generate();
        KeyPair h2 = SiteKeys.generate();
        enroll("hid-3", null, site);
        enroll("hid-3", "h1", h1);
        enroll("hid-3", "h2", h2);
        // A site-wide report (no ce_sitehost) with the site's key, as before host identities.
        EncodedEvent siteWide = new SiteSigner("hid-3", site.getPrivate()).sign(hostBeat("hid-3", 1));
        assertNull(siteWide.headers().get(SiteSignatures.HOST_HEADER));
        flow.kafka.send(siteWide);
        awaitHosts("hid-3", 1);
        // The site's key cannot sign as a host, nor a host's key as the site.
        double badSignature = dropped("BAD_SIGNATURE");
        flow.kafka.send(signedBy("hid-3", "h2", site, hostBeat("hid-3", 2)));
        flow.kafka.send(new SiteSigner("hid-3", h2.getPrivate()).sign(hostBeat("hid-3", 2)));
        awaitDropped("BAD_SIGNATURE", badSignature + 1);
        assertEquals(1, hosts("hid-3"));

        KeyPair h1New = SiteKeys.generate();
        enroll("hid-3", "h1", h1New);
        badSignature = dropped("BAD_SIGNATURE");
        flow.kafka.send(signedBy("hid-3", "h1", h1, hostBeat("hid-3", 1))); // the old key of h1
        awaitDropped("BAD_SIGNATURE", badSignature);
        flow.kafka.send(signedBy("hid-3", "h2", h2, hostBeat("hid-3", 2)));
        awaitHosts("hid-3", 2); // h2's key untouched by h1's rotation
        flow.kafka.send(new SiteSigner("hid-3", site.getPrivate()).sign(hostBeat("hid-3", 3)));
        awaitHosts("hid-3", 3); // nor the site's
    }
}
