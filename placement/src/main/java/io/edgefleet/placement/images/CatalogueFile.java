package io.edgefleet.placement.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.jboss.logging.Logger;

/**
 * The operators' catalogue file, read again when it changes (a ConfigMap update, an edit on the host), so a
 * new Kubernetes version needs no placement restart. Its modification time is looked at most once a second
 * (plans are built many times a second). An edit that breaks the file keeps the last good catalogue and
 * says why in the log, instead of rejecting every request.
 */
public final class CatalogueFile {
    private static final Logger LOG = Logger.getLogger(CatalogueFile.class);
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final Path file;
    private volatile ImageCatalogue catalogue;
    private volatile FileTime readAt;
    private volatile long checkedAt;

    private CatalogueFile(Path file, ImageCatalogue catalogue, FileTime readAt) {
        this.file = file;
        this.catalogue = catalogue;
        this.readAt = readAt;
        this.checkedAt = System.nanoTime();
    }

    /** Reads the file; a missing or wrong file throws {@link IllegalArgumentException} saying why (placement then does not start). */
    public static CatalogueFile open(Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            return new CatalogueFile(file, read(file), modified);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the image catalogue " + file + ": " + e, e);
        }
    }

    /** The catalogue as the file now says, or the last good one. */
    public ImageCatalogue current() {
        long now = System.nanoTime();
        if (now - checkedAt >= CHECK_EVERY_NANOS) {
            checkedAt = now;
            reloadIfChanged();
        }
        return catalogue;
    }

    private synchronized void reloadIfChanged() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(readAt)) {
                readAt = modified;
                catalogue = read(file);
                LOG.infof("image catalogue %s read again: Kubernetes %s", file, String.join(", ", catalogue.versions()));
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.errorf("image catalogue %s: keeping the last good one (Kubernetes %s): %s", file,
                    String.join(", ", catalogue.versions()), e.getMessage());
        }
    }

    private static ImageCatalogue read(Path file) throws IOException {
        return ImageCatalogue.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }
}
