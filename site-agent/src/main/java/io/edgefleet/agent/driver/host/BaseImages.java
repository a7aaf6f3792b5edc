package io.edgefleet.agent.driver.host;

import io.edgefleet.agent.image.ImageCache;
import io.edgefleet.agent.image.ImageRefusedException;
import io.edgefleet.agent.image.SiteImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The read-only base images microVM root disks are cloned from. An image is named by digest,
 * {@code sha256:<64 hex>}, and lives content-addressed at {@code <images-dir>/sha256/<hex>}; its digest is
 * checked before its first clone (and again whenever the file changes), so a corrupted or substituted
 * image is refused instead of booted. A plain path is accepted too (for hand-made hosts), and its digest
 * is computed and recorded the same way, so reports can still say which image a microVM was made from.
 */
public final class BaseImages {
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private final Path imagesDir;

    /** @param imagesDir where content-addressed images live */
    public BaseImages(Path imagesDir) {
        this.imagesDir = imagesDir;
    }

    /** A base image ready to clone: its file and its verified digest. */
    public record Image(Path file, String digest) {
    }

    /** Resolves a reference (digest or path) to a verified image; throws {@link HostSetupException} saying why not. */
    public Image resolve(String reference) {
        boolean byDigest = reference.startsWith("sha256:");
        if (byDigest && !DIGEST.matcher(reference).matches()) {
            throw new HostSetupException("base image reference " + reference + " is not sha256: followed by 64 lower-case hex digits");
        }
        Path file = byDigest ? imagesDir.resolve("sha256").resolve(reference.substring(7)) : Path.of(reference);
        Optional<ImageCache> mirrored = byDigest && !Files.isRegularFile(file) ? SiteImages.cacheFor(imagesDir) : Optional.empty();
        if (mirrored.isPresent()) {
            return fetched(mirrored.get(), reference); // verified while it streamed in: not hashed again
        }
        if (!Files.isRegularFile(file)) {
            throw new HostSetupException("base image " + reference + " is not on this host (looked for " + file
                    + "); fetch it into the image directory first");
        }
        String digest = digestOf(file);
        if (byDigest && !digest.equals(reference)) {
            throw new HostSetupException("base image " + file + " has digest " + digest + ", not " + reference
                    + ": refusing a corrupted or substituted image");
        }
        return new Image(file, digest);
    }

    /** Fetches a missing image from the site's mirror (ADR 0034); a wrong digest or an unreachable mirror fails the microVM. */
    private static Image fetched(ImageCache cache, String digest) {
        try {
            Path file = cache.fetch(digest);
            remember(file, digest);
            return new Image(file, digest);
        } catch (IOException | ImageRefusedException e) {
            throw new HostSetupException(e.getMessage(), e);
        }
    }

    /**
     * The file's SHA-256, read from a marker beside it while the file's size and modification time are
     * those the marker was written for (hashing a 1 GiB image takes seconds; a restart must not redo it
     * for every microVM).
     */
    static String digestOf(Path file) {
        try {
            Path marker = file.resolveSibling("." + file.getFileName() + ".sha256");
            String stamp = Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
            if (Files.exists(marker)) {
                String[] kept = Files.readString(marker, StandardCharsets.UTF_8).split("\n");
                if (kept.length == 2 && kept[0].equals(stamp)) {
                    return kept[1];
                }
            }
            String digest = "sha256:" + sha256(file);
            remember(file, digest);
            return digest;
        } catch (IOException e) {
            throw new HostSetupException("cannot read base image " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the marker of a file whose digest is known; a read-only image directory only costs a re-hash next time. */
    private static void remember(Path file, String digest) {
        try {
            String stamp = Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
            Files.writeString(file.resolveSibling("." + file.getFileName() + ".sha256"), stamp + "\n" + digest,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the digest is computed again next time
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
