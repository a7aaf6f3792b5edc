package io.edgefleet.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-read common form must agree with java.time's parser on every input, valid or not. */
class EventTimesTest {

    @Test
    void readsTheCommonFormsByHand() {
        assertEquals(Instant.parse("2025-06-01T12:00:00Z"), EventTimes.parseCommonForm("2025-06-01T12:00:00Z"));
        assertEquals(Instant.parse("2025-06-01T10:30:00.123Z"),
                EventTimes.parseCommonForm("2025-06-01T12:30:00.123+02:00"));
        assertEquals(Instant.parse("2025-06-01T17:00:00.000000001Z"),
                EventTimes.parseCommonForm("2025-06-01T12:00:00.000000001-05:00"));
        assertNotNull(EventTimes.parseCommonForm("2024-02-29T23:59:59.5Z"));
    }

    @Test
    void leavesEveryOtherFormToTheGeneralParser() {
        for (String other : List.of("2025-06-01t12:00:00Z", "2025-06-01T12:00:00z", "2025-06-01T12:00Z",
                "2025-06-01T12:00:00.Z", "2025-06-01T12:00:00.1234567891Z", "+12025-06-01T12:00:00Z",
                "2025-06-01T12:00:00+0200", "2025-06-01T12:00:00+02:00:30", "2025-06-01T12:00:00", "")) {
            assertNull(EventTimes.parseCommonForm(other), other);
        }
    }

    @Test
    void refusesWhatJavaTimeRefuses() {
        for (String bad : List.of("2025-02-30T12:00:00Z", "2025-13-01T12:00:00Z", "2025-06-01T24:00:00Z",
                "2025-06-01T12:60:00Z", "2025-06-01T12:00:60Z", "2025-06-01T12:00:00+19:00", "2025-06-01 12:00:00Z",
                "2023-02-29T00:00:00Z", "yesterday")) {
            assertThrows(DateTimeParseException.class, () -> EventTimes.parse(bad), bad);
            assertThrows(DateTimeParseException.class, () -> OffsetDateTime.parse(bad), bad);
        }
    }

    /** 200,000 seeded mutations of valid times: same instant or same refusal as java.time. */
    @Test
    void agreesWithJavaTimeOnMutatedInputs() {
        Random random = new Random(20251125L);
        String alphabet = "0123456789-+:.TZtz ";
        int handRead = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder s = new StringBuilder(validTime(random));
            int edits = random.nextInt(3);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> s.deleteCharAt(at);
                    default -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String text = s.toString();
            Instant expected;
            try {
                expected = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                expected = null;
            }
            Instant fast = EventTimes.parseCommonForm(text);
            if (fast != null) {
                handRead++;
                assertEquals(expected, fast, text);
            }
            if (expected == null) {
                assertThrows(DateTimeParseException.class, () -> EventTimes.parse(text), text);
            } else {
                assertEquals(expected, EventTimes.parse(text), text);
            }
        }
        // The mutations must exercise the hand-read path, not only the fallback.
        assertEquals(true, handRead > 50_000, "hand-read inputs: " + handRead);
    }

    private static String validTime(Random random) {
        String fraction = switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> "." + String.format("%03d", random.nextInt(1000));
            case 2 -> "." + String.format("%09d", random.nextInt(1_000_000_000));
            default -> "." + random.nextInt(10);
        };
        String offset = random.nextBoolean() ? "Z"
                : String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-", random.nextInt(19), random.nextInt(60));
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", 1 + random.nextInt(9998), 1 + random.nextInt(12),
                1 + random.nextInt(31), random.nextInt(24), random.nextInt(60), random.nextInt(60), fraction, offset);
    }
}
