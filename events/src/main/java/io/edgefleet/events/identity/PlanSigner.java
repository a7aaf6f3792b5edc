package io.edgefleet.events.identity;

import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EncodedEvent;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Signs site plans with placement's Ed25519 plan-signing key (ADR 0027): adds {@code ce_edgefleetsig}
 * over the {@link PlanSignedContent} of the record exactly as it will be published. Thread-safe.
 *
 * <pre>{@code
 * PlanSigner signer = new PlanSigner(SiteKeys.parsePrivateKey(pem));
 * EncodedEvent out = signer.sign(CloudEventCodec.encode(CloudEvent.of("/placement", plan)), plan.version());
 * }</pre>
 */
public final class PlanSigner {
    private final Ed25519Signing key;
    private final String keyId;
    private final String protectedHeader;

    /** @throws IllegalArgumentException if the key is not a plain PKCS#8 Ed25519 private key */
    public PlanSigner(PrivateKey key) {
        this.keyId = PlanSignatures.keyId(PlanSignatures.publicKeyOf(Objects.requireNonNull(key, "key")));
        this.key = new Ed25519Signing(key);
        this.protectedHeader = DetachedJws.encodeHeader("{\"alg\":\"" + SiteSignatures.JWS_ALGORITHM + "\",\"kid\":\""
                + keyId + "\"}");
    }

    /** The id of the key this signer signs with (its public key's JWK thumbprint). */
    public String keyId() {
        return keyId;
    }

    /**
     * The plan record with its signature header added (an earlier one replaced).
     *
     * @param planVersion the version of the plan in the record's data
     */
    public EncodedEvent sign(EncodedEvent plan, long planVersion) {
        Map<String, String> headers = new LinkedHashMap<>(plan.headers());
        byte[] content = PlanSignedContent.of(headers.get(CloudEventHeaders.ID), headers.get(CloudEventHeaders.TYPE),
                headers.get(CloudEventHeaders.SUBJECT), plan.key(), planVersion, plan.value());
        try {
            byte[] signature = key.sign(DetachedJws.signingInput(protectedHeader, content));
            headers.put(PlanSignatures.HEADER, DetachedJws.compact(protectedHeader, signature));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the plan of site " + plan.key() + " failed", e);
        }
        return new EncodedEvent(plan.topic(), plan.key(), headers, plan.value());
    }
}
