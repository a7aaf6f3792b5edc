package io.edgefleet.placement.plan;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.identity.PlanSigner;
import io.edgefleet.events.plan.SitePlan;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Turns a site plan into the record placement publishes, signed with its plan-signing key (ADR 0027):
 * the plan is encoded here, once, and the signature ({@code ce_edgefleetsig}) covers exactly those bytes,
 * which the outbox then stores and the relay publishes unchanged. Without
 * {@code edgefleet.placement.plan-signing.key-file} plans go out unsigned, as before, with a warning at
 * start: agents that verify plans refuse them, so configure the key before any agent gets public keys.
 */
@ApplicationScoped
@Startup // a configured key that cannot be used fails the start, not the first plan
public class PlanSigning {
    private static final Logger LOG = Logger.getLogger(PlanSigning.class);

    /** PKCS#8 PEM file of placement's Ed25519 plan-signing key (mode 0600 or 0400); unset: plans are unsigned. */
    @ConfigProperty(name = "edgefleet.placement.plan-signing.key-file")
    Optional<Path> keyFile;

    /** Make the key (and {@code <key-file>.pub}) if the file does not exist: local fleets and tests only. */
    @ConfigProperty(name = "edgefleet.placement.plan-signing.create-if-missing", defaultValue = "false")
    boolean createIfMissing;

    private PlanSigner signer;

    @PostConstruct
    void init() {
        if (keyFile.isEmpty()) {
            LOG.warn("plans are published UNSIGNED: set edgefleet.placement.plan-signing.key-file (an Ed25519 private"
                    + " key, PKCS#8 PEM, mode 0600) so that agents can tell placement's plans from anyone else's (ADR 0027)");
            return;
        }
        signer = new PlanSigner(PlanSigningKeyFile.load(keyFile.get(), createIfMissing));
        LOG.infof("plans are signed with key %s (%s); agents must list its public key in"
                + " edgefleet.agent.plan-signing.public-keys", signer.keyId(), keyFile.get());
    }

    /** The plan as the record to publish: encoded, and signed when a key is configured. */
    public EncodedEvent encode(String source, SitePlan plan) {
        EncodedEvent event = CloudEventCodec.encode(CloudEvent.of(source, plan));
        return signer == null ? event : signer.sign(event, plan.version());
    }

    /** The id of the signing key, or empty when plans are not signed. */
    public Optional<String> keyId() {
        return Optional.ofNullable(signer).map(PlanSigner::keyId);
    }
}
