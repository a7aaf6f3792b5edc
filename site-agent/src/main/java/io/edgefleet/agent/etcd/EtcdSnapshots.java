package io.edgefleet.agent.etcd;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A cluster's etcd snapshots kept on the site: {@code <dir>/<clusterId>/<UTC time>-rev<revision>.db}, the
 * newest {@code keep} of them, one every {@code interval}. A snapshot holds every Secret of the cluster, so
 * the directories are 0700 and the files 0600. A file appears under its final name only once it is
 * complete, on disk and checked: it is written under a temporary name, fsynced, its SHA-256 trailer
 * verified, then renamed (and the directory fsynced), so a crash never leaves a half snapshot that looks
 * whole.
 */
public final class EtcdSnapshots {
    private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String PARTIAL_PREFIX = ".partial-";
    private static final int SHA256_BYTES = 32;

    private final Path dir;
    private final Duration interval;
    private final int keep;

    public EtcdSnapshots(Path dir, Duration interval, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one snapshot, not " + keep);
        }
        this.dir = dir;
        this.interval = interval;
        this.keep = keep;
    }

    /** Whether this cluster's newest snapshot is older than the interval (or there is none). */
    public boolean due(String clusterId, Instant now) throws IOException {
        return SnapshotSchedule.due(SnapshotSchedule.newest(names(clusterId)), now, interval);
    }

    /** This cluster's snapshot files, oldest first. */
    public List<Path> list(String clusterId) throws IOException {
        Path clusterDir = clusterDir(clusterId);
        return names(clusterId).stream()
                .filter(n -> SnapshotSchedule.takenAt(n).isPresent())
                .sorted()
                .map(clusterDir::resolve)
                .toList();
    }

    /**
     * Takes a snapshot now, then deletes the files beyond the newest {@code keep}.
     *
     * @return the new snapshot file
     */
    public Path take(String clusterId, EtcdClient client, Instant now) throws IOException {
        Path clusterDir = clusterDir(clusterId);
        Files.createDirectories(clusterDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        removeLeftoverPartials(clusterDir);
        Path partial = clusterDir.resolve(PARTIAL_PREFIX + UUID.randomUUID() + ".db");
        try {
            SnapshotResult result = write(client, partial);
            verifyTrailer(partial, result);
            Path target = clusterDir.resolve(SnapshotSchedule.fileName(now, result.revision()));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsync(clusterDir);
            prune(clusterId);
            return target;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Deletes this cluster's snapshots beyond the newest {@code keep}; returns what it deleted. */
    public List<Path> prune(String clusterId) throws IOException {
        Path clusterDir = clusterDir(clusterId);
        List<Path> old = SnapshotSchedule.beyondKept(names(clusterId), keep).stream().map(clusterDir::resolve).toList();
        for (Path p : old) {
            Files.deleteIfExists(p);
        }
        return old;
    }

    private static SnapshotResult write(EtcdClient client, Path partial) throws IOException {
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024);
            SnapshotResult result = client.snapshot(out);
            out.flush();
            channel.force(true);
            return result;
        }
    }

    /** etcd ends a snapshot with the SHA-256 of everything before it: a cut stream fails this check. */
    static void verifyTrailer(Path file, SnapshotResult result) throws IOException {
        long size = Files.size(file);
        if (size != result.bytes() || size <= SHA256_BYTES) {
            throw new IOException("the snapshot from " + result.endpoint() + " is " + size + " bytes on disk, "
                    + result.bytes() + " received");
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
        byte[] trailer;
        try (InputStream in = Files.newInputStream(file)) {
            long body = size - SHA256_BYTES;
            byte[] buffer = new byte[256 * 1024];
            long left = body;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("the snapshot file " + file + " ended early");
                }
                sha256.update(buffer, 0, n);
                left -= n;
            }
            trailer = in.readNBytes(SHA256_BYTES);
        }
        if (!Arrays.equals(sha256.digest(), trailer)) {
            throw new IOException("the snapshot from " + result.endpoint() + " fails its SHA-256 check");
        }
    }

    private Path clusterDir(String clusterId) {
        if (!CLUSTER_ID.matcher(clusterId).matches()) {
            throw new IllegalArgumentException("not a cluster id usable as a directory name: " + clusterId);
        }
        return dir.resolve(clusterId);
    }

    private List<String> names(String clusterId) throws IOException {
        Path clusterDir = clusterDir(clusterId);
        if (!Files.isDirectory(clusterDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(clusterDir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static void removeLeftoverPartials(Path clusterDir) throws IOException {
        try (Stream<Path> files = Files.list(clusterDir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith(PARTIAL_PREFIX)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Makes the rename durable: on Linux a directory's entries are synced by fsyncing the directory. */
    private static void fsync(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
