package io.edgefleet.agent.secrets;

import io.edgefleet.pki.X25519Keys;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Optional;

/**
 * This agent as a recipient of sealed cluster secrets (ADR 0024): the recipient id placement seals for
 * ({@code host:<site>/<host>} for a host agent, {@code site:<site>} for a site-wide one) and the X25519
 * private key derived from the agent's enrolled Ed25519 key, so enrolling the signing key is all an
 * operator does: no second key to distribute or rotate.
 */
public record AgentRecipient(String id, byte[] x25519Private) {

    public static AgentRecipient of(String siteId, Optional<String> hostId, PrivateKey ed25519) {
        if (!(ed25519 instanceof EdECPrivateKey edec)) {
            throw new IllegalArgumentException("the agent's key is not an Ed25519 key");
        }
        byte[] seed = edec.getBytes().orElseThrow(() -> new IllegalArgumentException("the agent's key has no seed"));
        String id = hostId.map(h -> "host:" + siteId + "/" + h).orElse("site:" + siteId);
        return new AgentRecipient(id, X25519Keys.privateFromEd25519Seed(seed));
    }

    @Override
    public String toString() {
        return "AgentRecipient[" + id + "]";
    }
}
