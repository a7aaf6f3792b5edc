package io.edgefleet.agent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.plan.PlanVerifier;
import io.edgefleet.agent.reconcile.Reconciler;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.Topics;
import io.edgefleet.events.identity.PlanSignatures;
import io.edgefleet.events.identity.PlanSigner;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.localstack.testing.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A running agent that trusts placement's plan-signing key (ADR 0027), over the real broker: plans that a
 * raw producer writes to the plan topic (unsigned, signed with another key, or claiming placement's key
 * with a forged signature) are refused and counted, as are a captured plan published again and a
 * genuinely signed older one; a plan placement signed is applied. Versions start from the clock, so plans
 * from earlier runs on a kept broker are older than these.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(SignedPlansTestResource.class)
class SignedPlansAppTest {
    static final String SITE = SignedPlansTestResource.SITE;
    static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    Reconciler reconciler;
    @Inject
    MicroVmDriver driver;
    @Inject
    MeterRegistry meters;

    TestKafka kafka;
    PlanSigner placement;

    @BeforeEach
    void connect() throws Exception {
        kafka = new TestKafka(bootstrapServers);
        placement = new PlanSigner(SiteKeys.parsePrivateKey(Files.readString(SignedPlansTestResource.PRIVATE_KEY)));
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void forgedReplayedAndOlderPlansAreRefusedAndCountedAndASignedOneIsApplied() throws Exception {
        long base = System.currentTimeMillis();
        EncodedEvent first = placement.sign(encoded(plan(base + 1, "sa")), base + 1);
        kafka.send(first);
        await("the agent applied the first signed plan", () -> reconciler.convergedVersion() == base + 1
                && ids().equals(Set.of("sa-cp-0")));

        Map<String, Double> before = refused();
        // Written by whoever can write to the topic, each with a version that would win if it were applied.
        kafka.send(encoded(plan(base + 10, "unsigned")));
        PlanSigner attacker = new PlanSigner(SiteKeys.generate().getPrivate());
        kafka.send(attacker.sign(encoded(plan(base + 11, "foreign")), base + 11));
        EncodedEvent forged = attacker.sign(encoded(plan(base + 12, "forged")), base + 12);
        kafka.send(withSignatureClaiming(placement.keyId(), forged));
        // A genuine record taken from the topic and published again, and a genuine plan older than the one applied.
        String firstId = first.headers().get(CloudEventHeaders.ID);
        TestKafka.Received captured = kafka.await(Topics.SITE_PLANS, r -> SITE.equals(r.key())
                && firstId.equals(r.headers().get(CloudEventHeaders.ID)), WAIT).orElseThrow();
        kafka.send(captured.topic(), captured.key(), captured.headers(), captured.value());
        kafka.send(placement.sign(encoded(plan(base, "older")), base));

        await("every forged, replayed and older plan was counted", () -> {
            Map<String, Double> now = refused();
            return List.of("unsigned", "unknown_key", "bad_signature", "replayed", "older").stream()
                    .allMatch(r -> now.get(r) >= before.get(r) + 1);
        });
        assertEquals(base + 1, reconciler.desired().version(), "none of them was applied");
        assertEquals(Set.of("sa-cp-0"), ids());

        kafka.send(placement.sign(encoded(plan(base + 2, "sb")), base + 2));
        await("the next signed plan is applied", () -> reconciler.convergedVersion() == base + 2
                && ids().equals(Set.of("sb-cp-0")));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fleet_agent_plans_refused_total{reason=\"bad_signature\"}"));
    }

    private static EncodedEvent encoded(SitePlan plan) {
        return CloudEventCodec.encode(CloudEvent.of("/placement", plan));
    }

    /** The record with its signature's header swapped for one naming {@code kid}: the signature stays the attacker's. */
    private static EncodedEvent withSignatureClaiming(String kid, EncodedEvent signed) {
        String[] parts = signed.headers().get(PlanSignatures.HEADER).split("\\.", -1);
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>(signed.headers());
        headers.put(PlanSignatures.HEADER, header + ".." + parts[2]);
        return new EncodedEvent(signed.topic(), signed.key(), headers, signed.value());
    }

    private static SitePlan plan(long version, String clusterId) {
        List<PlannedMicroVm> vms = new ArrayList<>();
        vms.add(new PlannedMicroVm(clusterId + "-cp-0", clusterId, MicroVmRole.CONTROL_PLANE, SITE + "-h1", 2, 2048, 10,
                "1.31.2"));
        PlannedCluster cluster = new PlannedCluster(clusterId, "team-a", "1.31.2", List.of(clusterId + "-cp-0"),
                List.of(), List.of());
        return new SitePlan(SITE, version, Instant.now(), vms, List.of(cluster), List.of());
    }

    private Map<String, Double> refused() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (PlanVerifier.Refusal r : PlanVerifier.Refusal.values()) {
            out.put(r.label(), meters.get(PlanVerifier.REFUSED).tag("reason", r.label()).counter().count());
        }
        return out;
    }

    private Set<String> ids() {
        return driver.list().stream().map(MicroVmStatus::microVmId).collect(Collectors.toSet());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within " + WAIT.toSeconds() + " s: " + what);
            Thread.sleep(100);
        }
    }
}
