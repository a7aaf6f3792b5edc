package io.edgefleet.events.secret;

/**
 * The data key of one {@link SealedSecrets}, wrapped for one recipient with HPKE (RFC 9180, base mode,
 * DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM).
 *
 * @param recipient       who can open it: {@code site:<siteId>} (a site-wide agent's key),
 *                        {@code host:<siteId>/<hostId>} (a host agent's key) or {@code reader:<name>} (a central
 *                        reader such as fleet-api); agents' X25519 keys are derived from their enrolled Ed25519 keys
 * @param encapsulatedKey HPKE's encapsulated key (the sender's ephemeral X25519 public key), base64
 * @param wrappedKey      the 32-byte data key sealed to the recipient, base64
 */
public record SealedKey(String recipient, String encapsulatedKey, String wrappedKey) {
}
