package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.identity.SiteSigner;
import io.edgefleet.events.request.SiteEnrollRequested;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Site identity over the real broker and PostgreSQL: an operator enrolls a site's key, the site's
 * signed reports are applied, and every report that is unsigned, signed with another key, altered,
 * or speaks for another site is dropped and counted by reason; enrolling again rotates the key.
 * A report's effect is observed through the site's host count; a drop through the counter, which
 * moves only once the report has been refused (so "not applied" is checked without waiting).
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class SiteIdentityTest extends FlowTest {
    private static final Pattern DROPPED = Pattern.compile(
            "fleet_placement_site_reports_dropped_total\\{reason=\"([A-Z_]+)\"} ([0-9.E]+)");

    @Test
    void anEnrolledSitesSignedHeartbeatIsApplied() throws Exception {
        KeyPair key = SiteKeys.generate();
        enroll("id-ok", key);
        flow.kafka.send(sign("id-ok", key, heartbeat("id-ok", 3)));
        awaitHosts("id-ok", 3);
    }

    @Test
    void anUnsignedReportIsDroppedAndCounted() throws Exception {
        KeyPair key = SiteKeys.generate();
        enroll("id-unsigned", key);
        double before = dropped("MISSING");
        flow.kafka.send(heartbeat("id-unsigned", 2));
        awaitDropped("MISSING", before);
        assertEquals(-1, hosts("id-unsigned"), "an unsigned heartbeat must not make the site known");
        // The same site signing afterwards is applied: nothing was poisoned by the refusal.
        flow.kafka.send(sign("id-unsigned", key, heartbeat("id-unsigned", 4)));
        awaitHosts("id-unsigned", 4);
    }

    @Test
    void aReportSignedWithAnotherKeyOrAlteredAfterSigningIsDropped() throws Exception {
        KeyPair key = SiteKeys.generate();
        enroll("id-forged", key);
        flow.kafka.send(sign("id-forged", key, heartbeat("id-forged", 2)));
        awaitHosts("id-forged", 2);

        double before = dropped("BAD_SIGNATURE");
        flow.kafka.send(sign("id-forged", SiteKeys.generate(), heartbeat("id-forged", 5)));
        EncodedEvent signed = sign("id-forged", key, heartbeat("id-forged", 6));
        byte[] tampered = new String(signed.value(), StandardCharsets.UTF_8).replace("\"h6\"", "\"hx\"")
                .getBytes(StandardCharsets.UTF_8);
        flow.kafka.send(new EncodedEvent(signed.topic(), signed.key(), signed.headers(), tampered));
        awaitDropped("BAD_SIGNATURE", before + 1);
        assertEquals(2, hosts("id-forged"), "neither the foreign-key nor the altered heartbeat was applied");
    }

    @Test
    void aCompromisedSiteCannotSpeakForAnother() throws Exception {
        KeyPair victimKey = SiteKeys.generate();
        KeyPair attackerKey = SiteKeys.generate();
        enroll("id-victim", victimKey);
        enroll("id-attacker", attackerKey);
        flow.kafka.send(sign("id-victim", victimKey, heartbeat("id-victim", 2)));
        awaitHosts("id-victim", 2);

        double wrongSite = dropped("WRONG_SITE");
        double badSignature = dropped("BAD_SIGNATURE");
        EncodedEvent forVictim = heartbeat("id-victim", 7);
        // Signed honestly as the attacker (kid = id-attacker) but speaking for the victim.
        flow.kafka.send(new SiteSigner("id-attacker", attackerKey.getPrivate()).sign(forVictim));
        // The same, under the attacker's own record key: key and data disagree.
        EncodedEvent rekeyed = new EncodedEvent(forVictim.topic(), "id-attacker", forVictim.headers(), forVictim.value());
        flow.kafka.send(new SiteSigner("id-attacker", attackerKey.getPrivate()).sign(rekeyed));
        // Claiming to be the victim (kid = id-victim) with the attacker's key.
        flow.kafka.send(new SiteSigner("id-victim", attackerKey.getPrivate()).sign(forVictim));
        awaitDropped("WRONG_SITE", wrongSite + 1);
        awaitDropped("BAD_SIGNATURE", badSignature);
        assertEquals(2, hosts("id-victim"), "no report of the attacker was applied to the victim");
    }

    @Test
    void aSiteThatIsNotEnrolledIsRefusedUntilItIs() throws Exception {
        KeyPair key = SiteKeys.generate();
        double before = dropped("UNKNOWN_SITE");
        flow.kafka.send(sign("id-late", key, heartbeat("id-late", 2)));
        awaitDropped("UNKNOWN_SITE", before);
        assertEquals(-1, hosts("id-late"));
        enroll("id-late", key);
        flow.kafka.send(sign("id-late", key, heartbeat("id-late", 3)));
        awaitHosts("id-late", 3);
    }

    @Test
    void enrollingAgainRotatesTheKey() throws Exception {
        KeyPair first = SiteKeys.generate();
        KeyPair second = SiteKeys.generate();
        enroll("id-rotate", first);
        flow.kafka.send(sign("id-rotate", first, heartbeat("id-rotate", 2)));
        awaitHosts("id-rotate", 2);

        enroll("id-rotate", second);
        double before = dropped("BAD_SIGNATURE");
        flow.kafka.send(sign("id-rotate", first, heartbeat("id-rotate", 5)));
        awaitDropped("BAD_SIGNATURE", before);
        // Same partition (key = site), so the old-key report was refused before this one is applied.
        flow.kafka.send(sign("id-rotate", second, heartbeat("id-rotate", 3)));
        awaitHosts("id-rotate", 3);
    }

    @Test
    void anEnrolmentWithAKeyThatIsNotOneIsRejectedWithThePath() {
        CloudEvent<EventPayload> request = flow.sendRequest(new SiteEnrollRequested("id-badkey",
                "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n", "ops"));
        JsonNode outcome = flow.awaitOutcome(request.requestId());
        assertEquals(EventType.REQUEST_REJECTED.ceType(), outcome.path("type").asText(), outcome.toString());
        JsonNode data = outcome.path("data");
        assertEquals("SITE_ENROLL", data.path("kind").asText());
        assertEquals("INVALID_REQUEST", data.path("code").asText());
        assertEquals("$.publicKeyPem", data.path("paths").path(0).asText());
        assertTrue(data.path("message").asText().contains("$.publicKeyPem: must be an Ed25519 public key in PEM"),
                data.toString());
    }

    @Test
    void everyReasonIsExposedWithHelpText() {
        String metrics = RestAssured.get("/q/metrics").asString();
        assertTrue(metrics.contains("# HELP fleet_placement_site_reports_dropped"), "help text");
        for (String reason : new String[] {"MISSING", "MALFORMED", "UNKNOWN_SITE", "WRONG_SITE", "BAD_SIGNATURE",
                "UNKNOWN_HOST", "WRONG_HOST"}) {
            assertTrue(metrics.contains("fleet_placement_site_reports_dropped_total{reason=\"" + reason + "\"}"), reason);
        }
    }

    private void enroll(String siteId, KeyPair key) {
        enroll(flow, siteId, key);
    }

    /** Enrolls the key for the site, as an operator does, and waits until placement accepted it. */
    static void enroll(Flow flow, String siteId, KeyPair key) {
        CloudEvent<EventPayload> request = flow.sendRequest(new SiteEnrollRequested(siteId,
                SiteKeys.publicKeyPem(key.getPublic()), "identity-test"));
        JsonNode outcome = flow.awaitOutcome(request.requestId());
        assertEquals(EventType.REQUEST_ACCEPTED.ceType(), outcome.path("type").asText(), outcome.toString());
        assertEquals("SITE_ENROLL", outcome.path("data").path("kind").asText());
    }

    static EncodedEvent heartbeat(String siteId, int hosts) {
        return CloudEventCodec.encode(CloudEvent.of("/site-agent/" + siteId, TestFleet.heartbeat(siteId, hosts)));
    }

    private static EncodedEvent sign(String siteId, KeyPair key, EncodedEvent report) {
        return new SiteSigner(siteId, key.getPrivate()).sign(report);
    }

    /** The site's host count as placement has it, -1 if the site is unknown. */
    static int hosts(String siteId) throws java.io.IOException {
        for (JsonNode site : EventJson.mapper().readTree(RestAssured.get("/api/v1/sites").asByteArray())) {
            if (siteId.equals(site.path("siteId").asText())) {
                return site.path("hosts").asInt();
            }
        }
        return -1;
    }

    static void awaitHosts(String siteId, int hosts) throws Exception {
        long deadline = System.nanoTime() + Flow.WAIT.toNanos();
        while (hosts(siteId) != hosts) {
            assertTrue(System.nanoTime() < deadline, "site " + siteId + " never had " + hosts + " hosts (has "
                    + hosts(siteId) + ")");
            Thread.sleep(100);
        }
    }

    static double dropped(String reason) {
        Matcher m = DROPPED.matcher(RestAssured.get("/q/metrics").asString());
        Map<String, Double> values = new LinkedHashMap<>();
        while (m.find()) {
            values.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return values.getOrDefault(reason, 0.0);
    }

    /** Waits until the counter of {@code reason} is above {@code before}. */
    static void awaitDropped(String reason, double before) throws InterruptedException {
        long deadline = System.nanoTime() + Flow.WAIT.toNanos();
        while (dropped(reason) <= before) {
            assertTrue(System.nanoTime() < deadline, "no report counted as dropped for " + reason);
            Thread.sleep(100);
        }
    }
}
