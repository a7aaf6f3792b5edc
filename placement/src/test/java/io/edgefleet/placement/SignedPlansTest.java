package io.edgefleet.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.Topics;
import io.edgefleet.events.identity.PlanSignatureVerifier;
import io.edgefleet.events.identity.PlanSignatureVerifier.Reason;
import io.edgefleet.events.identity.PlanSignatures;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.localstack.testing.LocalStackTestResource;
import io.edgefleet.localstack.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Every plan placement publishes is signed with its plan-signing key (ADR 0027), over the record exactly
 * as it is on the topic: the public key placement wrote beside the key file it made verifies it.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class SignedPlansTest extends FlowTest {
    @ConfigProperty(name = "edgefleet.placement.plan-signing.key-file")
    String keyFile;

    @Test
    void aPublishedPlanVerifiesWithPlacementsPublicKeyAndOnlyAsPublished() throws Exception {
        flow.send(TestFleet.heartbeat("signed-plans", 4));
        flow.awaitSiteKnown("signed-plans");
        CloudEvent<EventPayload> request = flow.sendRequest(TestFleet.cluster("c-signed", "signed-plans", 1));
        flow.awaitOutcome(request.requestId());
        TestKafka.Received record = flow.kafka.await(Topics.SITE_PLANS, r -> "signed-plans".equals(r.key())
                && r.valueAsString().contains("\"c-signed\""), Flow.WAIT)
                .orElseThrow(() -> new AssertionError("no plan with cluster c-signed"));
        SitePlan plan = EventJson.mapper().readValue(record.value(), SitePlan.class);

        PublicKey placement = SiteKeys.parsePublicKey(Files.readString(Path.of(keyFile + ".pub"), StandardCharsets.US_ASCII));
        PlanSignatureVerifier agent = new PlanSignatureVerifier(List.of(placement));
        PlanSignatureVerifier.Verdict v = agent.verify(record.headers(), record.key(), record.value(), plan.version());
        assertEquals(Reason.OK, v.reason(), v.message());
        assertEquals(PlanSignatures.keyId(placement), v.keyId());

        byte[] altered = record.valueAsString().replace("\"c-signed\"", "\"c-forged\"").getBytes(StandardCharsets.UTF_8);
        assertEquals(Reason.BAD_SIGNATURE, agent.verify(record.headers(), record.key(), altered, plan.version()).reason());
        assertEquals(Reason.UNKNOWN_KEY, new PlanSignatureVerifier(List.of(SiteKeys.generate().getPublic()))
                .verify(record.headers(), record.key(), record.value(), plan.version()).reason());
        // A plan encoded as before, without placement's key, carries no signature at all.
        assertEquals(Reason.UNSIGNED, agent.verify(CloudEventCodec.encode(CloudEvent.of("/placement", plan)).headers(),
                record.key(), record.value(), plan.version()).reason());
    }
}
