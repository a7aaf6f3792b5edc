package io.edgefleet.agent.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * A site's node images, by digest, in a content-addressed directory ({@code <dir>/sha256/<hex>}, where the
 * drivers' base images live): an image not there yet is fetched from the mirror once, hashed while it streams
 * into a temporary file and renamed into place only if its SHA-256 is the digest asked for. An image of
 * another digest is deleted and refused, so nothing unverified is ever cloned into a root disk. Concurrent
 * requests for one digest (several microVMs of one version created at once) share one fetch.
 */
public final class ImageCache {
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private final Path dir;
    private final ImageMirror mirror;
    private final ImageFetchMetrics metrics;
    private final ConcurrentMap<String, CompletableFuture<Path>> inFlight = new ConcurrentHashMap<>();

    public ImageCache(Path dir, ImageMirror mirror, ImageFetchMetrics metrics) {
        this.dir = dir;
        this.mirror = mirror;
        this.metrics = metrics;
        metrics.watch(dir);
    }

    /** Where the image of {@code digest} is (or will be) kept. */
    public Path fileOf(String digest) {
        return dir.resolve("sha256").resolve(hexOf(digest));
    }

    /**
     * The local file of {@code digest}, fetched and verified first if it is not here. Throws
     * {@link ImageRefusedException} when the mirror's bytes have another digest, and {@link IOException}
     * when the mirror cannot be read or lacks the image.
     */
    public Path fetch(String digest) throws IOException {
        Path file = fileOf(digest);
        if (Files.isRegularFile(file)) {
            return file;
        }
        CompletableFuture<Path> mine = new CompletableFuture<>();
        CompletableFuture<Path> running = inFlight.putIfAbsent(digest, mine);
        if (running != null) {
            return await(running);
        }
        try {
            mine.complete(Files.isRegularFile(file) ? file : download(digest, file));
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
        } finally {
            inFlight.remove(digest, mine);
        }
        return await(mine);
    }

    private Path download(String digest, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".partial");
        try {
            String got;
            try (InputStream in = mirror.open(hexOf(digest)); OutputStream out = Files.newOutputStream(partial)) {
                got = "sha256:" + copyHashing(in, out);
            }
            if (!got.equals(digest)) {
                metrics.count(ImageFetchMetrics.Outcome.REFUSED);
                throw new ImageRefusedException("image " + digest + " from " + mirror.blob(hexOf(digest))
                        + " has digest " + got + "; refused");
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            metrics.count(ImageFetchMetrics.Outcome.FETCHED);
            return file;
        } catch (IOException e) {
            metrics.count(ImageFetchMetrics.Outcome.FAILED);
            throw new IOException("cannot fetch image " + digest + " from " + mirror.blob(hexOf(digest)) + ": "
                    + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static String copyHashing(InputStream in, OutputStream out) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        byte[] buf = new byte[1 << 20];
        for (int n; (n = in.read(buf)) > 0; ) {
            sha256.update(buf, 0, n);
            out.write(buf, 0, n);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static Path await(CompletableFuture<Path> fetch) throws IOException {
        try {
            return fetch.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static String hexOf(String digest) {
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("image digest " + digest + " is not sha256: followed by 64 lower-case hex digits");
        }
        return digest.substring(7);
    }
}
