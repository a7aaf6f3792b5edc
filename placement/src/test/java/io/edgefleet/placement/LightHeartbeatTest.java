package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.HostStateChanged;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Light heartbeats in placement (ADR 0013), over the real stack: a light heartbeat with the digest
 * of the last full one applied is liveness only; one with another or an unknown digest is
 * liveness, counted as stale, and leaves the hosts alone until the next full heartbeat; a full
 * heartbeat writes the hosts and records its digest; an old agent's full heartbeat without a
 * digest works as before.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class LightHeartbeatTest extends FlowTest {
    private static final Map<String, String> ALL_READY = Map.of("h1", "READY", "h2", "READY", "h3", "READY");

    private static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    private static AgentHeartbeat full(String site, String digest) {
        AgentHeartbeat h = TestFleet.heartbeat(site, 3);
        return new AgentHeartbeat(site, h.agentVersion(), h.sentAt(), h.intervalSeconds(), h.hosts(), digest);
    }

    private static AgentHeartbeat cordoned(String site, int host, String digest) {
        AgentHeartbeat h = TestFleet.heartbeat(site, 3, 3600, i -> i == host ? HostState.CORDONED : HostState.READY, i -> true);
        return new AgentHeartbeat(site, h.agentVersion(), h.sentAt(), h.intervalSeconds(), h.hosts(), digest);
    }

    private static AgentHeartbeat light(String site, String digest) {
        return AgentHeartbeat.light(site, "test", Instant.now().truncatedTo(ChronoUnit.MILLIS), 3600, digest);
    }

    @Test
    void aLightHeartbeatWithTheStoredDigestIsLivenessOnly() throws Exception {
        String site = "light-1";
        flow.send(full(site, digest('a')));
        awaitStates(site, ALL_READY);
        awaitTrue(() -> digest('a').equals(storedDigest(site)), "the full heartbeat's digest is recorded");
        Map<String, String> versions = rowVersions(site);
        Instant seen = lastHeartbeat(site);
        double liveness = heartbeatsMetric("liveness");
        double stale = heartbeatsMetric("stale_inventory");
        for (int i = 0; i < 3; i++) {
            Thread.sleep(20);
            flow.send(light(site, digest('a')));
        }
        awaitTrue(() -> heartbeatsMetric("liveness") >= liveness + 3, "3 light heartbeats applied as liveness");
        assertTrue(lastHeartbeat(site).isAfter(seen), "liveness moved");
        assertEquals(versions, rowVersions(site), "no host row written");
        assertEquals(stale, heartbeatsMetric("stale_inventory"), "none counted stale");
        assertEquals(digest('a'), storedDigest(site));
    }

    @Test
    void aLightHeartbeatWithAnotherDigestIsStaleAndTheNextFullOneHeals() throws Exception {
        String site = "light-2";
        flow.send(full(site, digest('b')));
        awaitStates(site, ALL_READY);
        awaitTrue(() -> digest('b').equals(storedDigest(site)), "digest recorded");
        Map<String, String> versions = rowVersions(site);
        Instant seen = lastHeartbeat(site);
        double stale = heartbeatsMetric("stale_inventory");

        // The agent's inventory changed (h2 cordoned) but its full heartbeat was lost: only light ones arrive.
        Thread.sleep(20);
        flow.send(light(site, digest('c')));
        awaitTrue(() -> heartbeatsMetric("stale_inventory") >= stale + 1, "counted as stale_inventory");
        assertTrue(lastHeartbeat(site).isAfter(seen), "it still proves the site alive");
        assertEquals(versions, rowVersions(site), "hosts untouched");
        assertEquals(ALL_READY, states(site));
        assertEquals(digest('b'), storedDigest(site), "the stored digest still names what the host rows hold");

        // The next full heartbeat writes the hosts and records its digest; light ones with it are liveness again.
        Thread.sleep(20);
        flow.send(cordoned(site, 2, digest('c')));
        awaitStates(site, Map.of("h1", "READY", "h2", "CORDONED", "h3", "READY"));
        awaitTrue(() -> digest('c').equals(storedDigest(site)), "the new digest recorded");
        assertNotEquals(versions.get("h2"), rowVersions(site).get("h2"));
        double staleAfter = heartbeatsMetric("stale_inventory");
        double liveness = heartbeatsMetric("liveness");
        Thread.sleep(20);
        flow.send(light(site, digest('c')));
        awaitTrue(() -> heartbeatsMetric("liveness") >= liveness + 1, "liveness again");
        assertEquals(staleAfter, heartbeatsMetric("stale_inventory"));
    }

    @Test
    void aHostStateReportForgetsTheDigestSoLightHeartbeatsCannotVouchForTheHosts() throws Exception {
        String site = "light-3";
        flow.send(full(site, digest('d')));
        awaitStates(site, ALL_READY);
        awaitTrue(() -> digest('d').equals(storedDigest(site)), "digest recorded");
        Thread.sleep(20);
        flow.send(new HostStateChanged(site, "h1", HostState.DOWN, "BMC lost", Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        awaitStates(site, Map.of("h1", "DOWN", "h2", "READY", "h3", "READY"));
        awaitTrue(() -> storedDigest(site) == null, "digest forgotten with the hash");
        double stale = heartbeatsMetric("stale_inventory");
        Thread.sleep(20);
        flow.send(light(site, digest('d')));
        awaitTrue(() -> heartbeatsMetric("stale_inventory") >= stale + 1, "a light heartbeat cannot bring h1 back");
        assertEquals("DOWN", states(site).get("h1"));
        // The agent's next full heartbeat (h1 READY again, same inventory as before) does.
        Thread.sleep(20);
        flow.send(full(site, digest('d')));
        awaitStates(site, ALL_READY);
    }

    @Test
    void anOldAgentsFullHeartbeatWithoutDigestWorksAsBefore() throws Exception {
        String site = "light-4";
        flow.send(TestFleet.heartbeat(site, 3));
        awaitStates(site, ALL_READY);
        assertNull(storedDigest(site));
        Map<String, String> versions = rowVersions(site);
        double liveness = heartbeatsMetric("liveness");
        Thread.sleep(20);
        flow.send(TestFleet.heartbeat(site, 3));
        awaitTrue(() -> heartbeatsMetric("liveness") >= liveness + 1, "the repeated inventory is liveness only");
        assertEquals(versions, rowVersions(site));
        assertNull(storedDigest(site));
        // A light heartbeat cannot match a digest that was never sent.
        double stale = heartbeatsMetric("stale_inventory");
        Thread.sleep(20);
        flow.send(light(site, digest('e')));
        awaitTrue(() -> heartbeatsMetric("stale_inventory") >= stale + 1, "stale: no digest stored");
        assertEquals(versions, rowVersions(site));
    }

    @Test
    void aLightHeartbeatOfAnUnknownSiteCreatesNothing() throws Exception {
        String site = "light-ghost";
        double stale = heartbeatsMetric("stale_inventory");
        flow.send(light(site, digest('f')));
        awaitTrue(() -> heartbeatsMetric("stale_inventory") >= stale + 1, "counted as stale");
        assertFalse(siteExists(site), "no site row without an inventory");
        assertTrue(states(site).isEmpty());
    }

    private String storedDigest(String siteId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select inventory_digest from site where site_id = ?")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private boolean siteExists(String siteId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select 1 from site where site_id = ?")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void awaitStates(String siteId, Map<String, String> expected) throws Exception {
        awaitTrue(() -> states(siteId).equals(expected), "hosts of " + siteId + " are " + expected);
    }

}
