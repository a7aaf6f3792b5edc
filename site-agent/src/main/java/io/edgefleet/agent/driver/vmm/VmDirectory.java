package io.edgefleet.agent.driver.vmm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.agent.driver.MicroVmSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The per-microVM state directories under a VMM driver's state dir:
 * <pre>
 *   &lt;state-dir&gt;/&lt;microVmId&gt;/vm.json     the driver's record of type {@code R} (written atomically)
 *                               vmm.log     the VMM's stdout and stderr
 *                               stopped     present once a stop was asked for (so an exited process reads as STOPPED)
 *                               failed      present with the reason once creation failed
 * </pre>
 * plus whatever the driver keeps there (API or QMP socket, console, writable root disk).
 * The directory's existence is what "this microVM exists" means to the driver; deleting it is the
 * last step of a delete.
 *
 * @param <R> the driver's record type (a Jackson-readable record)
 */
public final class VmDirectory<R> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path root;
    private final Class<R> recordType;
    private final Function<R, String> idOf;

    /**
     * @param root       the driver's state dir
     * @param recordType the record class written as vm.json
     * @param idOf       the microVM id a record belongs to
     */
    public VmDirectory(Path root, Class<R> recordType, Function<R, String> idOf) {
        this.root = root;
        this.recordType = recordType;
        this.idOf = idOf;
    }

    /** Ids of every microVM with a state directory, sorted. */
    public List<String> ids() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(VmDirectory::isValidId).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    public Path dir(String id) {
        return root.resolve(id);
    }

    public boolean exists(String id) {
        return Files.isDirectory(dir(id));
    }

    public Path socket(String id) {
        return dir(id).resolve("api.sock");
    }

    public Path log(String id) {
        return dir(id).resolve("vmm.log");
    }

    public Path create(String id) throws IOException {
        return Files.createDirectories(dir(id));
    }

    public Optional<R> read(String id) throws IOException {
        Path f = dir(id).resolve("vm.json");
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        return Optional.of(MAPPER.readValue(f.toFile(), recordType));
    }

    public void write(R record) throws IOException {
        Path d = create(idOf.apply(record));
        Path tmp = Files.createTempFile(d, "vm.json", ".tmp");
        MAPPER.writeValue(tmp.toFile(), record);
        try {
            Files.move(tmp, d.resolve("vm.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, d.resolve("vm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public void markStopped(String id) throws IOException {
        Files.writeString(dir(id).resolve("stopped"), Instant.now().toString(), StandardCharsets.UTF_8);
    }

    /** When a stop was asked for, if it was. */
    public Optional<Instant> stoppedAt(String id) throws IOException {
        Path f = dir(id).resolve("stopped");
        return Files.exists(f) ? Optional.of(Files.getLastModifiedTime(f).toInstant()) : Optional.empty();
    }

    public void markFailed(String id, String reason) throws IOException {
        create(id);
        Files.writeString(dir(id).resolve("failed"), reason, StandardCharsets.UTF_8);
    }

    /** The recorded creation failure and when it was recorded, if any. */
    public Optional<Failure> failure(String id) throws IOException {
        Path f = dir(id).resolve("failed");
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        return Optional.of(new Failure(Files.readString(f, StandardCharsets.UTF_8), Files.getLastModifiedTime(f).toInstant()));
    }

    public record Failure(String reason, Instant at) {
    }

    /** Removes a directory tree if it exists (the microVM's state dir, or its jail). */
    public static void removeTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean isValidId(String name) {
        try {
            MicroVmSpec.checkId(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false; // e.g. a stray temp dir: not a microVM
        }
    }
}
