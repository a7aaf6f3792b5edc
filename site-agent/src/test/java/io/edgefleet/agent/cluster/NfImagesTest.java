package io.edgefleet.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgefleet.events.request.NetworkFunctionKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An NF's image by kind and vendor: explicit images first, else the pattern; never another vendor's image. */
class NfImagesTest {
    final NfImages images = new NfImages("registry.local/nf/{kind}:stable", Map.of(
            "UPF", "registry.local/core/upf:2.4", "du/acme", "acme.example/ran/du:7.1"));

    @Test
    void explicitImagesWinAndTheirKeysIgnoreCase() {
        assertEquals("registry.local/core/upf:2.4", images.of(NetworkFunctionKind.UPF, null));
        assertEquals("acme.example/ran/du:7.1", images.of(NetworkFunctionKind.DU, "ACME"));
    }

    @Test
    void withoutAnEntryThePatternNamesKindAndVendor() {
        assertEquals("registry.local/nf/cu:stable", images.of(NetworkFunctionKind.CU, null));
        assertEquals("registry.local/nf/du:stable", images.of(NetworkFunctionKind.DU, " "));
        assertEquals("registry.local/nf/upf-zeta:stable", images.of(NetworkFunctionKind.UPF, "zeta"),
                "zeta's UPF does not get the site's upf image");
        assertEquals("registry.local/nf/du-beta:stable", images.of(NetworkFunctionKind.DU, "beta"),
                "only acme's DU is named");
    }

    @Test
    void aBareDigestPinsThePatternsImageToIt() {
        String digest = "sha256:" + "c0".repeat(32);
        NfImages pinned = new NfImages("registry.local/nf/{kind}:stable", Map.of("upf", digest, "du/acme", digest));

        assertEquals("registry.local/nf/upf@" + digest, pinned.of(NetworkFunctionKind.UPF, null));
        assertEquals("registry.local/nf/du-acme@" + digest, pinned.of(NetworkFunctionKind.DU, "acme"));
        assertEquals("registry.local/nf/cu:stable", pinned.of(NetworkFunctionKind.CU, null), "no digest named: the tag");
        assertEquals("the NF image of upf is not sha256: followed by 64 lower-case hex digits, got: sha256:beef",
                assertThrows(IllegalArgumentException.class,
                        () -> new NfImages("r/{kind}:1", Map.of("upf", "sha256:beef"))).getMessage());
    }

    @Test
    void aPatternWithoutKindIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NfImages.pattern("registry.local/nf:stable"));
        assertEquals("the NF image pattern must contain {kind}, got: registry.local/nf:stable", e.getMessage());
    }
}
