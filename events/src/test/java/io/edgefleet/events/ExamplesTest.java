package io.edgefleet.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.validation.EventValidator;
import io.edgefleet.events.validation.Validated;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The README's kcat lines and the files under examples/ are the contract operators copy; they
 * must decode to valid events exactly as written.
 */
class ExamplesTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Pattern KCAT_BLOCK = Pattern.compile("```sh\\n(kcat -P .*?)\\n```", Pattern.DOTALL);

    /** A kcat command line, as kcat would read it. */
    record Kcat(String topic, String key, Map<String, String> headers, Path file) {
    }

    static String exampleName(EventType type) {
        String ce = type.unversionedCeType().substring("io.edgefleet.".length());
        return ce.replace('.', '-');
    }

    static byte[] example(EventType type) throws IOException {
        return Files.readAllBytes(MODULE.resolve("examples").resolve(exampleName(type) + ".json"));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventHasAValidExampleFile(EventType type) throws IOException {
        Validated<EventPayload> parsed = EventValidator.validate(type, example(type));
        assertTrue(parsed.isValid(), () -> parsed.violations().toString());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void javaSamplesSerialiseToSchemaValidJson(EventType type) {
        EventPayload sample = Samples.of(type);
        Validated<EventPayload> back = EventValidator.validate(type, CloudEventCodec.toJson(sample));
        assertEquals(Validated.valid(sample), back, () -> back.violations().toString());
    }

    @Test
    void readmeKcatLinesPublishValidEventsOnTheRightTopicAndKey() throws IOException {
        List<Kcat> commands = readmeKcatCommands();
        List<EventType> seen = new ArrayList<>();

        for (Kcat kcat : commands) {
            byte[] value = Files.readAllBytes(kcat.file());
            Validated<CloudEvent<EventPayload>> decoded = CloudEventCodec.decode(kcat.headers(), value);
            assertTrue(decoded.isValid(), () -> kcat + " -> " + decoded.violations());
            CloudEvent<EventPayload> event = decoded.orElseThrow();
            assertEquals(event.type().topic(), kcat.topic(), kcat.toString());
            assertEquals(event.data().partitionKey(), kcat.key(), kcat.toString());
            assertEquals(event.data().subject(), event.subject(), kcat.toString());
            assertEquals(exampleName(event.type()) + ".json", kcat.file().getFileName().toString());
            seen.add(event.type());
        }

        assertEquals(List.of(EventType.values()), seen, "one README example per event type, in table order");
    }

    static List<Kcat> readmeKcatCommands() throws IOException {
        String readme = Files.readString(MODULE.resolve("README.md"));
        Matcher m = KCAT_BLOCK.matcher(readme);
        List<Kcat> commands = new ArrayList<>();
        while (m.find()) {
            commands.add(parse(m.group(1).replace("\\\n", " ")));
        }
        return commands;
    }

    /** Reads the options kcat -P takes, as a shell would split these (no quoting is used). */
    private static Kcat parse(String line) {
        String[] words = line.trim().split("\\s+");
        String topic = null;
        String key = null;
        Map<String, String> headers = new LinkedHashMap<>();
        Path file = null;
        for (int i = 1; i < words.length; i++) {
            switch (words[i]) {
                case "-P" -> { }
                case "-b" -> assertEquals("localhost:9092", words[++i]);
                case "-t" -> topic = words[++i];
                case "-k" -> key = words[++i];
                case "-p" -> assertTrue(words[++i].matches("\\d+"), "partition " + words[i]);
                case "-H" -> {
                    String header = words[++i];
                    int eq = header.indexOf('=');
                    headers.put(header.substring(0, eq), header.substring(eq + 1));
                }
                default -> {
                    assertTrue(words[i].startsWith("events/examples/"), "unexpected word " + words[i]);
                    file = MODULE.resolve(words[i].substring("events/".length()));
                }
            }
        }
        return new Kcat(topic, key, headers, file);
    }
}
