package io.edgefleet.agent;

import io.edgefleet.events.identity.SiteKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;

/**
 * An agent that verifies plans: its own site ({@link #SITE}, the test inventory under another id, so
 * nothing another app test publishes for its site reaches it) and placement's plan-signing public key,
 * made here with its private half for the test to sign with (under target/, kept between runs).
 */
public class SignedPlansTestResource implements QuarkusTestResourceLifecycleManager {
    static final String SITE = "agent-signed";
    static final Path DIR = Path.of("target", "test-plan-signing");
    static final Path PRIVATE_KEY = DIR.resolve("placement.key");
    static final Path PUBLIC_KEY = DIR.resolve("placement.key.pub");

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(DIR);
            if (!Files.exists(PRIVATE_KEY) || !Files.exists(PUBLIC_KEY)) {
                KeyPair pair = SiteKeys.generate();
                Files.writeString(PRIVATE_KEY, SiteKeys.privateKeyPem(pair.getPrivate()), StandardCharsets.US_ASCII);
                Files.writeString(PUBLIC_KEY, SiteKeys.publicKeyPem(pair.getPublic()), StandardCharsets.US_ASCII);
            }
            Path inventory = DIR.resolve(SITE + "-site.json");
            Files.writeString(inventory, Files.readString(Path.of("src/test/resources/agent-test-site.json"))
                    .replace("agent-test", SITE));
            return Map.of("edgefleet.agent.site-id", SITE,
                    "edgefleet.agent.inventory-file", inventory.toString(),
                    "edgefleet.agent.plan-signing.public-keys", PUBLIC_KEY.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The files stay: the next run signs with the same key.
    }
}
