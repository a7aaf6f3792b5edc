package io.edgefleet.agent.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images fetched by digest from a real HTTP mirror (the JDK's server) and from a file:// directory. */
class ImageCacheTest {
    @TempDir
    Path cacheDir;
    @TempDir
    Path mirrorDir;

    HttpServer server;
    final Map<String, byte[]> served = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    volatile CountDownLatch release = new CountDownLatch(0);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ImageFetchMetrics metrics;

    @BeforeEach
    void mirror() throws IOException {
        metrics = new ImageFetchMetrics(meters);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/mirror/sha256/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath().substring("/mirror/sha256/".length()));
            try {
                release.await(10, TimeUnit.SECONDS); // holds the answer so concurrent requests overlap
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ImageCache httpCache() {
        return new ImageCache(cacheDir, ImageMirror.of("http://127.0.0.1:" + server.getAddress().getPort() + "/mirror",
                Duration.ofSeconds(10)), metrics);
    }

    static String digestOf(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private double fetches(String outcome) {
        return meters.get("fleet_agent_image_fetches_total").tag("outcome", outcome).counter().count();
    }

    private List<Path> filesInCache() throws IOException {
        if (!Files.isDirectory(cacheDir.resolve("sha256"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cacheDir.resolve("sha256"))) {
            return files.toList();
        }
    }

    @Test
    void twoConcurrentRequestsForOneDigestFetchItOnceAndGetTheVerifiedFile() throws Exception {
        byte[] image = "a node image of Kubernetes 1.31".repeat(100_000).getBytes();
        String digest = digestOf(image);
        served.put(digest.substring(7), image);
        release = new CountDownLatch(1);
        ImageCache cache = httpCache();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Path> first = two.submit(() -> cache.fetch(digest));
            Future<Path> second = two.submit(() -> cache.fetch(digest));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (requests.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(200); // the second request has had time to ask too
            release.countDown();

            assertEquals(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS));
            assertArrayEquals(image, Files.readAllBytes(first.get()));
        } finally {
            two.shutdownNow();
        }
        assertEquals(1, requests.get(), "one fetch for both");
        assertEquals(cacheDir.resolve("sha256").resolve(digest.substring(7)), cache.fetch(digest));
        assertEquals(1, requests.get(), "a cached image is not fetched again");
        assertEquals(1.0, fetches("fetched"));
        assertEquals(image.length, meters.get("fleet_agent_image_cache_bytes").gauge().value());
    }

    @Test
    void aTamperedImageIsRefusedAndNothingOfItStays() throws Exception {
        String digest = digestOf("the image the catalogue names".getBytes());
        byte[] tampered = "another image".getBytes();
        served.put(digest.substring(7), tampered);
        ImageCache cache = httpCache();

        ImageRefusedException e = assertThrows(ImageRefusedException.class, () -> cache.fetch(digest));

        assertEquals("image " + digest + " from http://127.0.0.1:" + server.getAddress().getPort() + "/mirror/sha256/"
                + digest.substring(7) + " has digest " + digestOf(tampered) + "; refused", e.getMessage());
        assertEquals(List.of(), filesInCache(), "no temporary file, no image");
        assertEquals(1.0, fetches("refused"));
    }

    @Test
    void anImageTheMirrorLacksFailsSayingWhere() throws Exception {
        String digest = digestOf("nobody has this".getBytes());

        IOException e = assertThrows(IOException.class, () -> httpCache().fetch(digest));

        assertTrue(e.getMessage().contains("answered HTTP 404"), e.getMessage());
        assertEquals(List.of(), filesInCache());
        assertEquals(1.0, fetches("failed"));
    }

    @Test
    void anAirGappedSiteFetchesFromADirectory() throws Exception {
        byte[] image = "copied from removable media".getBytes();
        String digest = digestOf(image);
        Files.createDirectories(mirrorDir.resolve("sha256"));
        Files.write(mirrorDir.resolve("sha256").resolve(digest.substring(7)), image);
        String tamperedDigest = digestOf("expected".getBytes());
        Files.write(mirrorDir.resolve("sha256").resolve(tamperedDigest.substring(7)), "bit rot".getBytes());
        ImageCache cache = new ImageCache(cacheDir, ImageMirror.of(mirrorDir.toUri().toString(), Duration.ofSeconds(5)),
                metrics);

        assertArrayEquals(image, Files.readAllBytes(cache.fetch(digest)));
        assertThrows(ImageRefusedException.class, () -> cache.fetch(tamperedDigest));
        assertEquals(List.of(cacheDir.resolve("sha256").resolve(digest.substring(7))), filesInCache());
    }

    @Test
    void aMirrorThatIsNotAUrlOfAKnownSchemeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageMirror.of("ftp://mirror/images", Duration.ofSeconds(1)));
        assertEquals("edgefleet.agent.images.mirror: the image mirror must be an http://, https:// or file:// URL,"
                + " got 'ftp://mirror/images/'", e.getMessage());
    }
}
