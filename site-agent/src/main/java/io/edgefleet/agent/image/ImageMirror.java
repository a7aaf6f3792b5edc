package io.edgefleet.agent.image;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a site fetches node images it does not have: an HTTP(S) server inside the operator's network, or a
 * directory ({@code file:///srv/images}) filled by hand or from removable media on an air-gapped site. Both
 * hold each image at {@code <base>/sha256/<64 hex>}, the layout of the agent's own image directory, so a
 * site's image directory can serve as another site's mirror as it is.
 *
 * @param base    the mirror's base, {@code http://}, {@code https://} or {@code file://}
 * @param timeout how long one fetch may take, headers to last byte
 */
public record ImageMirror(URI base, Duration timeout) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public ImageMirror {
        String scheme = base.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https") || scheme.equals("file"))) {
            throw new IllegalArgumentException("the image mirror must be an http://, https:// or file:// URL, got '"
                    + base + "'");
        }
    }

    /** Reads a configured mirror ({@code edgefleet.agent.images.mirror}). */
    public static ImageMirror of(String base, Duration timeout) {
        try {
            return new ImageMirror(URI.create(base.endsWith("/") ? base : base + "/"), timeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("edgefleet.agent.images.mirror: " + e.getMessage(), e);
        }
    }

    /** Where the image of {@code hex} is on the mirror. */
    public URI blob(String hex) {
        return base.resolve("sha256/" + hex);
    }

    /** Opens the image of {@code hex}; an image the mirror does not have throws {@link IOException} saying so. */
    public InputStream open(String hex) throws IOException {
        URI blob = blob(hex);
        if (blob.getScheme().equals("file")) {
            try {
                return Files.newInputStream(Path.of(blob));
            } catch (NoSuchFileException e) {
                throw new IOException(blob + " does not exist");
            }
        }
        HttpRequest request = HttpRequest.newBuilder(blob).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException(blob + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + blob, e);
        }
    }
}
