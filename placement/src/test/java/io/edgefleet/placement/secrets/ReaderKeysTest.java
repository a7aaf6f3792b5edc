package io.edgefleet.placement.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.pki.Recipient;
import io.edgefleet.pki.X25519Keys;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReaderKeysTest {
    private static final byte[] KEY = X25519Keys.generate()[1];
    private static final String B64 = Base64.getEncoder().encodeToString(KEY);

    @Test
    void readersAreNamedRecipients() {
        List<Recipient> readers = ReaderKeys.parse(" fleet-api=" + B64 + " , audit=" + B64 + ",");
        assertEquals(List.of("reader:fleet-api", "reader:audit"), readers.stream().map(Recipient::id).toList());
        assertArrayEquals(KEY, readers.get(0).x25519Public());
        assertTrue(ReaderKeys.parse("").isEmpty());
        assertTrue(ReaderKeys.parse(null).isEmpty());
    }

    @Test
    void aBadEntryIsRefusedWithoutShowingTheKey() {
        assertThrows(IllegalArgumentException.class, () -> ReaderKeys.parse(B64));
        assertThrows(IllegalArgumentException.class, () -> ReaderKeys.parse("Fleet API=" + B64));
        assertThrows(IllegalArgumentException.class, () -> ReaderKeys.parse("a=" + B64 + ",a=" + B64));
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> ReaderKeys.parse("a=" + Base64.getEncoder().encodeToString(new byte[16])));
        assertTrue(shortKey.getMessage().contains("16 bytes"), shortKey.getMessage());
        IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class,
                () -> ReaderKeys.parse("a=%%%"));
        assertTrue(!notBase64.getMessage().contains("%%%"), notBase64.getMessage());
    }
}
