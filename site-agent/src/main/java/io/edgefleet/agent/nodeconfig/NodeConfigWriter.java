package io.edgefleet.agent.nodeconfig;

import io.edgefleet.agent.driver.host.HostSetupException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a node host's configuration files ({@link NodeConfigFiles}) below a root directory: {@code /} on a
 * host, a temporary directory in tests. A file is written only when its content differs, and atomically: the
 * new content goes to a temporary file in the same directory, is flushed to disk and renamed over the old one,
 * so the kubelet, systemd or the device plugin never read half a file, not even after a power cut.
 */
public final class NodeConfigWriter {
    /** rw-r--r--: systemd warns about world-writable units; the kubelet and the plugin need only read. */
    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path root;

    public NodeConfigWriter(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** The directory every absolute path is taken relative to. */
    public Path root() {
        return root;
    }

    /** Where an absolute host path ({@code /etc/pcidp/config.json}) lies below the root. */
    public Path onHost(String path) {
        Objects.requireNonNull(path, "path");
        Path relative = Path.of(path.startsWith("/") ? path.substring(1) : "");
        if (!path.startsWith("/") || relative.toString().isEmpty()
                || Arrays.stream(path.split("/")).anyMatch(part -> part.equals("..") || part.equals("."))) {
            throw new IllegalArgumentException("'" + path + "' is not an absolute path of a file (no '.' or '..' parts)");
        }
        return root.resolve(relative);
    }

    /** The paths of those files whose content on the host is not what is given (a missing file differs). */
    public List<String> differing(List<NodeConfigFiles.File> files) {
        List<String> out = new ArrayList<>();
        for (NodeConfigFiles.File file : files) {
            if (!matches(file)) {
                out.add(file.path());
            }
        }
        return out;
    }

    /**
     * Writes every file whose content differs, creating its directories; returns the paths written, in the
     * given order (empty: everything was already in place and nothing was touched).
     */
    public List<String> write(List<NodeConfigFiles.File> files) {
        List<String> written = new ArrayList<>();
        for (NodeConfigFiles.File file : files) {
            if (!matches(file)) {
                replace(onHost(file.path()), file.content().getBytes(StandardCharsets.UTF_8));
                written.add(file.path());
            }
        }
        return written;
    }

    /** Removes a file if it is there; whether it was. */
    public boolean remove(String path) {
        Path target = onHost(path);
        try {
            boolean removed = Files.deleteIfExists(target);
            if (removed) {
                syncDirectory(target.getParent());
            }
            return removed;
        } catch (IOException e) {
            throw new HostSetupException("cannot remove " + target + ": " + describe(e), e);
        }
    }

    private boolean matches(NodeConfigFiles.File file) {
        Path target = onHost(file.path());
        if (!Files.isRegularFile(target)) {
            // Missing, or something else in its place (which the write then reports).
            return false;
        }
        try {
            return Arrays.equals(Files.readAllBytes(target), file.content().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new HostSetupException("cannot read " + target + ": " + describe(e), e);
        }
    }

    private static void replace(Path target, byte[] content) {
        Path dir = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            // Same directory, so the rename below stays on one file system and is atomic.
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            // Set explicitly: the temporary file starts as 0600, and the umask must not decide either.
            Files.setPosixFilePermissions(temp, MODE);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            // The rename is durable only once the directory entry is on disk.
            syncDirectory(dir);
        } catch (IOException | UnsupportedOperationException e) {
            throw new HostSetupException("cannot write " + target + ": " + describe(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The write already failed with its own message; a stray temporary file is harmless.
                }
            }
        }
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
