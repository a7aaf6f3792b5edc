package io.edgefleet.placement.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.edgefleet.pki.Recipient;
import io.edgefleet.pki.X25519Keys;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecipientsDigestTest {
    private static final Recipient SITE = new Recipient("site:s1", X25519Keys.generate()[1]);
    private static final Recipient HOST = new Recipient("host:s1/h1", X25519Keys.generate()[1]);
    private static final Recipient READER = new Recipient("reader:fleet-api", X25519Keys.generate()[1]);

    @Test
    void theOrderKeysWereReadInDoesNotMatter() {
        assertEquals(RecipientsDigest.of(List.of(SITE, HOST, READER)), RecipientsDigest.of(List.of(READER, SITE, HOST)));
    }

    @Test
    void aNewRotatedOrRenamedKeyChangesIt() {
        String before = RecipientsDigest.of(List.of(SITE, READER));
        assertNotEquals(before, RecipientsDigest.of(List.of(SITE, HOST, READER)), "a key enrolled");
        assertNotEquals(before, RecipientsDigest.of(List.of(new Recipient("site:s1", X25519Keys.generate()[1]), READER)),
                "a key rotated");
        assertNotEquals(before, RecipientsDigest.of(List.of(new Recipient("site:s2", SITE.x25519Public()), READER)),
                "the same key under another id");
        assertNotEquals(before, RecipientsDigest.of(List.of(SITE)), "a reader dropped");
    }
}
