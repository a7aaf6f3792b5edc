package io.edgefleet.agent.driver.simulated;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Keeps the simulated microVMs in a JSON file so that an agent restart in the local stack finds them
 * again, the way a restarted Firecracker agent finds its still-running processes. Written whole to a
 * temporary file and renamed over the old one, so a crash mid-write leaves the previous state intact.
 */
final class SimulatedStateFile {

    /** The file's content: every microVM and how many times each id was created. */
    record Content(int version, Map<String, Integer> attempts, List<SimulatedVm> microVms) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;

    SimulatedStateFile(Path file) {
        this.file = file;
    }

    /** The stored content, or empty content if the file does not exist yet. */
    Content read() {
        if (!Files.exists(file)) {
            return new Content(1, Map.of(), List.of());
        }
        try {
            Content c = MAPPER.readValue(file.toFile(), Content.class);
            if (c.version() != 1) {
                throw new IllegalStateException(file + ": unsupported simulated state version " + c.version());
            }
            return new Content(1, c.attempts() == null ? Map.of() : c.attempts(), c.microVms() == null ? List.of() : c.microVms());
        } catch (IOException e) {
            // Refuse to start rather than start empty: an empty start would re-create every
            // microVM, which is exactly the duplicate-after-restart failure the file exists to prevent.
            throw new UncheckedIOException(file + ": cannot read simulated driver state (fix or remove the file)", e);
        }
    }

    void write(Content content) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), content);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write simulated driver state", e);
        }
    }
}
