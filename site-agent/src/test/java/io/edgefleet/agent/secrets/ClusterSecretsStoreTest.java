package io.edgefleet.agent.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.secret.ClusterSecretsSealed;
import io.edgefleet.events.secret.SealedKey;
import io.edgefleet.events.secret.SealedSecrets;
import io.edgefleet.pki.ClusterPki;
import io.edgefleet.pki.ClusterSecrets;
import io.edgefleet.pki.Recipient;
import io.edgefleet.pki.Sealed;
import io.edgefleet.pki.Sealing;
import io.edgefleet.pki.X25519Keys;
import java.security.KeyPair;
import java.security.interfaces.EdECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The agent opens what placement sealed for its enrolled key, and nothing else: the recipient id follows the
 * agent's kind (host or site-wide), another agent's sealing, an altered ciphertext and another site's record are
 * refused, a newer generation replaces an older one, and a tombstone forgets the cluster.
 */
class ClusterSecretsStoreTest {
    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final ClusterSecrets SECRETS = ClusterPki.create("demo-3", NOW);

    final KeyPair hostKey = SiteKeys.generate();
    final KeyPair otherKey = SiteKeys.generate();
    final AgentRecipient me = AgentRecipient.of("edge-1", Optional.of("h1"), hostKey.getPrivate());

    static byte[] raw(KeyPair pair) {
        // X.509 SubjectPublicKeyInfo of Ed25519: a 12-byte header, then the 32-byte key.
        byte[] spki = pair.getPublic().getEncoded();
        return java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    static ClusterSecretsSealed sealed(String site, long generation, List<Recipient> recipients) {
        Sealed box = Sealing.seal(SECRETS.encode(), ClusterSecretsSealed.associatedData("demo-3", site), recipients);
        Base64.Encoder b64 = Base64.getEncoder();
        return new ClusterSecretsSealed("demo-3", "team-a", site, generation, new SealedSecrets(SealedSecrets.SCHEME,
                b64.encodeToString(box.nonce()), b64.encodeToString(box.ciphertext()), box.keys().stream()
                .map(k -> new SealedKey(k.recipient(), b64.encodeToString(k.encapsulatedKey()), b64.encodeToString(k.wrappedKey())))
                .toList()), NOW);
    }

    @Test
    void opensWhatIsSealedForItsHostKey() {
        assertEquals("host:edge-1/h1", me.id());
        ClusterSecretsStore store = new ClusterSecretsStore("edge-1", me);
        ClusterSecretsSealed event = sealed("edge-1", 1, List.of(
                new Recipient("host:edge-1/h2", X25519Keys.publicFromEd25519(raw(otherKey))),
                new Recipient("host:edge-1/h1", X25519Keys.publicFromEd25519(raw(hostKey)))));

        assertEquals(ClusterSecretsStore.Accepted.OPENED, store.accept(event));
        assertEquals(SECRETS.caCertHash(), store.of("demo-3").orElseThrow().caCertHash());
        assertEquals(SECRETS.bootstrapToken(), store.of("demo-3").orElseThrow().bootstrapToken());
        assertEquals(ClusterSecretsStore.Accepted.OLDER, store.accept(event), "the same generation again changes nothing");
        assertTrue(store.remove("demo-3"));
        assertTrue(store.of("demo-3").isEmpty());
    }

    @Test
    void refusesOtherSitesOtherRecipientsAndAlteredContent() {
        ClusterSecretsStore store = new ClusterSecretsStore("edge-1", me);
        Recipient mine = new Recipient("host:edge-1/h1", X25519Keys.publicFromEd25519(raw(hostKey)));
        assertEquals(ClusterSecretsStore.Accepted.OTHER_SITE, store.accept(sealed("edge-2", 1, List.of(mine))));
        assertEquals(ClusterSecretsStore.Accepted.NOT_A_RECIPIENT, store.accept(sealed("edge-1", 1, List.of(
                new Recipient("host:edge-1/h2", X25519Keys.publicFromEd25519(raw(otherKey)))))));
        // Sealed under my recipient id but to another key: it must not open.
        assertEquals(ClusterSecretsStore.Accepted.UNREADABLE, store.accept(sealed("edge-1", 2, List.of(
                new Recipient("host:edge-1/h1", X25519Keys.publicFromEd25519(raw(otherKey)))))));
        ClusterSecretsSealed good = sealed("edge-1", 3, List.of(mine));
        byte[] ct = Base64.getDecoder().decode(good.sealed().ciphertext());
        ct[5] ^= 1;
        ClusterSecretsSealed altered = new ClusterSecretsSealed(good.clusterId(), good.team(), good.siteId(), 3,
                new SealedSecrets(good.sealed().scheme(), good.sealed().nonce(), Base64.getEncoder().encodeToString(ct),
                        good.sealed().keys()), NOW);
        assertEquals(ClusterSecretsStore.Accepted.UNREADABLE, store.accept(altered));
        assertFalse(store.of("demo-3").isPresent());
        assertEquals(ClusterSecretsStore.Accepted.OPENED, store.accept(good));
    }

    @Test
    void aSiteWideAgentIsTheSiteRecipient() {
        AgentRecipient site = AgentRecipient.of("edge-1", Optional.empty(), hostKey.getPrivate());
        assertEquals("site:edge-1", site.id());
        assertFalse(site.toString().contains(Base64.getEncoder().encodeToString(site.x25519Private())));
        assertTrue(hostKey.getPublic() instanceof EdECPublicKey);
    }
}
