package io.edgefleet.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian's {@code postgresql} package, run with {@code pg_ctl} on a
 * data directory of the stack's own. See docs/adr/0001 for why Debian's package rather than
 * binaries shipped in jars.
 *
 * <p>PostgreSQL refuses to run as root, so when we are root every server command runs as the
 * {@code postgres} user through {@code runuser}.
 */
public final class PostgresServer {
    public static final String DATABASE = "edgefleet";
    public static final String USER = "postgres";

    private final Path dir;
    private final int port;
    private final Path bin;

    public PostgresServer(Path dir, int port) {
        this.dir = dir.toAbsolutePath();
        this.port = port;
        this.bin = findBinaries();
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    public String reactiveUrl() {
        return "postgresql://localhost:" + port + "/" + DATABASE;
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    /** Creates the cluster on first use, starts the server, and creates the database. */
    public long start() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        if (isRoot()) {
            new Command(List.of("chown", "-R", USER + ":", dir.toString()), dir).run(true);
        }
        Path log = dir.resolve("postgres.log");
        if (!Files.exists(dataDir().resolve("PG_VERSION"))) {
            asServerUser(bin("initdb"), "-D", dataDir().toString(), "-U", USER, "--auth=trust",
                    "-E", "UTF8", "--no-locale").run(true);
        }
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=localhost"
                + " -c max_connections=200 -c shared_buffers=256MB"
                // At 4,000 requests/s placement writes ~18 MB/s of WAL: with the default 1GB,
                // PostgreSQL checkpoints every ~28 s and warns that this is too frequent; each
                // checkpoint's writes and the full-page images after it slowed commits to ~50 ms.
                + " -c max_wal_size=4GB"
                // A new cluster recycles no WAL segment before its first checkpoint (5 min), so
                // every 16 MB segment is created new: zero-filled and fsynced while holding the WAL
                // write lock, about every second at that rate, with every commit waiting behind it
                // (bench/pipeline: 9.8 -> 6.3 kB written to disk per request).
                // Off, a new segment is only created; the data written to it is fsynced as usual.
                + " -c wal_init_zero=off"
                // Backends evicting dirty pages (~9 MB/s at that rate) left them to the kernel,
                // which wrote them back in bursts every few seconds; a commit's WAL fsync queued
                // behind a burst took 150-300 ms. Asking for writeback every 256 kB smooths that.
                + " -c backend_flush_after=256kB"
                // What stalls commits, in postgres.log: every autovacuum, statements over 100 ms.
                + " -c log_autovacuum_min_duration=0 -c log_min_duration_statement=100"
                // For profiling, e.g. "-c shared_preload_libraries=pg_stat_statements".
                + " " + System.getProperty("edgefleet.postgres.options", "");
        asServerUser(bin("pg_ctl"), "-D", dataDir().toString(), "-o", options, "-l", log.toString(),
                "-w", "-t", "60", "start").run(true);
        Command create = new Command(List.of(bin("createdb"), "-h", "localhost", "-p", String.valueOf(port),
                "-U", USER, DATABASE), dir);
        create.run(false); // exists already on a restart: that is fine
        return pid();
    }

    /** Stops the server (fast mode: rolls back open transactions, then shuts down cleanly). */
    public void stop() throws IOException, InterruptedException {
        if (!Files.exists(dataDir().resolve("postmaster.pid"))) {
            return;
        }
        long pid = pid();
        asServerUser(bin("pg_ctl"), "-D", dataDir().toString(), "-m", "fast", "-w", "-t", "60", "stop")
                .run(false);
        // pg_ctl returns once the pid file is gone; the postmaster may still be exiting.
        ProcessHandle.of(pid).ifPresent(h -> {
            try {
                h.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                h.destroyForcibly();
            }
        });
    }

    /** The postmaster's PID, from its pid file. */
    public long pid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir().resolve("postmaster.pid")).get(0).trim());
    }

    private Command asServerUser(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(List.of(command));
        return new Command(full, dir);
    }

    private String bin(String tool) {
        return bin.resolve(tool).toString();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * The newest PostgreSQL under /usr/lib/postgresql, or {@code EDGEFLEET_PG_BIN} when set.
     */
    static Path findBinaries() {
        String override = System.getenv("EDGEFLEET_PG_BIN");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                return versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(b -> parseVersion(b.getParent().getFileName().toString())))
                        .orElseThrow(PostgresServer::notInstalled);
            } catch (IOException e) {
                throw notInstalled();
            }
        }
        throw notInstalled();
    }

    private static int parseVersion(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static IllegalStateException notInstalled() {
        return new IllegalStateException("PostgreSQL is not installed: run `apt-get install -y postgresql`"
                + " (Debian), or set EDGEFLEET_PG_BIN to the directory holding pg_ctl");
    }

    /** A short command whose output goes to the stack's postgres log directory. */
    private record Command(List<String> argv, Path dir) {
        void run(boolean mustSucceed) throws IOException, InterruptedException {
            Path out = dir.resolve("postgres-commands.log");
            Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
            int code = p.waitFor();
            if (code != 0 && mustSucceed) {
                throw new IllegalStateException("`" + String.join(" ", argv) + "` failed with exit code "
                        + code + "; see " + out);
            }
        }
    }
}
