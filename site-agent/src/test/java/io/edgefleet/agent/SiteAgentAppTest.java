package io.edgefleet.agent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.identity.SiteKeyFile;
import io.edgefleet.agent.plan.PlanFeed;
import io.edgefleet.agent.plan.SitePartition;
import io.edgefleet.agent.reconcile.Reconciler;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventType;
import io.edgefleet.events.Topics;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.identity.SiteSignatureVerifier;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.localstack.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent as it runs, over the real broker: it follows only its own site's newest plan from the
 * one partition its site hashes to, converges to it, and reports what it measured, signed.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class SiteAgentAppTest {
    static final String SITE = "agent-test";
    static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    PlanFeed feed;
    @Inject
    Reconciler reconciler;
    @Inject
    MicroVmDriver driver;

    TestKafka kafka;

    @BeforeEach
    void connect() {
        kafka = new TestKafka(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void followsOnlyItsOwnSitesNewestPlanFromItsPartitionAndReportsWhatRuns() throws Exception {
        int partitions = partitions();
        int mine = SitePartition.of(SITE, partitions);
        String neighbour = firstSite(s -> SitePartition.of(s, partitions) == mine);
        String stranger = firstSite(s -> SitePartition.of(s, partitions) != mine);

        publish(plan(neighbour, 50, "neighbourcluster"));
        publish(plan(stranger, 60, "strangercluster"));
        publish(plan(SITE, 1, "a1"));
        publish(plan(SITE, 3, "a3"));
        publish(plan(SITE, 2, "a2")); // late and older: ignored

        await("the agent converged to plan 3 after reading its partition", () -> feed.recordsRead() >= 4
                && reconciler.convergedVersion() == 3 && ids(driver.list()).equals(Set.of("a3-cp-0", "a3-cp-1", "a3-cp-2")));
        assertEquals(mine, feed.assignedPartition());
        assertEquals(4, feed.recordsRead(), "only its partition: its 3 plans and the neighbour's, never the stranger's");
        assertEquals(1, feed.otherSitesSkipped(), "the neighbour's plan shares the partition and is skipped by key");
        assertEquals(3, reconciler.desired().version());
        assertTrue(driver.list().stream().allMatch(s -> s.state() == MicroVmState.RUNNING), driver.list().toString());

        TestKafka.Received ready = kafka.await(Topics.SITE_REPORTS, r -> SITE.equals(r.key())
                && EventType.CLUSTER_BOOTSTRAP_REPORTED.ceType().equals(r.headers().get(CloudEventHeaders.TYPE))
                && r.valueAsString().contains("\"clusterId\":\"a3\"") && r.valueAsString().contains("\"READY\""), WAIT)
                .orElseThrow(() -> new AssertionError("no READY report for cluster a3"));
        assertEquals(3, EventJson.mapper().readTree(ready.value()).get("readyNodes").asInt());
        List<TestKafka.Received> ours = kafka.all(Topics.SITE_REPORTS, r -> SITE.equals(r.key()), Duration.ofSeconds(2));
        assertTrue(ours.stream().noneMatch(r -> r.valueAsString().contains("a2-")), "plan 2 was never applied");
        assertTrue(ours.stream().noneMatch(r -> r.valueAsString().contains("neighbourcluster") || r.valueAsString().contains("strangercluster")),
                "another site's plan was never applied");
        assertTrue(kafka.all(Topics.SITE_REPORTS, r -> r.valueAsString().contains("\"siteId\":\"" + neighbour + "\""),
                Duration.ofSeconds(1)).isEmpty(), "the agent speaks only for its own site");
    }

    @Test
    void sendsHeartbeatsWithItsInventoryEverySignedWithTheSiteKey() throws Exception {
        TestKafka.Received heartbeat = kafka.await(Topics.SITE_REPORTS, r -> SITE.equals(r.key())
                && EventType.AGENT_HEARTBEAT.ceType().equals(r.headers().get(CloudEventHeaders.TYPE)), WAIT)
                .orElseThrow(() -> new AssertionError("no heartbeat"));
        AgentHeartbeat hb = (AgentHeartbeat) CloudEventCodec.decode(heartbeat.headers(), heartbeat.value())
                .orElseThrow().data();
        assertEquals(4, hb.hosts().size());
        assertEquals(1, hb.intervalSeconds());

        PublicKey enrolled = SiteKeys.parsePublicKey(Files.readString(
                SiteKeyFile.publicKeyFile(Path.of("target/test-identity/site.key"))));
        SiteSignatureVerifier verifier = new SiteSignatureVerifier(s -> SITE.equals(s) ? Optional.of(enrolled)
                : Optional.empty());
        List<TestKafka.Received> reports = kafka.all(Topics.SITE_REPORTS, r -> SITE.equals(r.key()), Duration.ofSeconds(2));
        assertTrue(reports.size() >= 1);
        for (TestKafka.Received r : reports) {
            SiteSignatureVerifier.Verdict v = verifier.verify(r.headers(), r.key(), r.value());
            assertTrue(v.valid(), r.headers().get(CloudEventHeaders.TYPE) + ": " + v.message());
        }
    }

    @Test
    void isHealthyAndExposesItsMetrics() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("fleet_agent_plan_records_read"));
    }

    private int partitions() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            return c.partitionsFor(Topics.SITE_PLANS, Duration.ofSeconds(30)).size();
        }
    }

    private static String firstSite(java.util.function.Predicate<String> wanted) {
        for (int i = 0; ; i++) {
            String id = "other-" + i;
            if (wanted.test(id)) {
                return id;
            }
        }
    }

    private static SitePlan plan(String siteId, long version, String clusterId) {
        List<PlannedMicroVm> vms = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            vms.add(new PlannedMicroVm(clusterId + "-cp-" + i, clusterId, MicroVmRole.CONTROL_PLANE,
                    SITE + "-h" + (i + 1), 2, 2048, 10, "1.31.2"));
        }
        PlannedCluster cluster = new PlannedCluster(clusterId, "team-a", "1.31.2",
                vms.stream().map(PlannedMicroVm::microVmId).toList(), List.of(), List.of());
        return new SitePlan(siteId, version, Instant.now(), vms, List.of(cluster), List.of());
    }

    private void publish(SitePlan plan) {
        kafka.send(CloudEventCodec.encode(CloudEvent.of("/placement", plan)));
    }

    private static Set<String> ids(List<MicroVmStatus> vms) {
        return vms.stream().map(MicroVmStatus::microVmId).collect(Collectors.toSet());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
