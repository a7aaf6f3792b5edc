package io.edgefleet.bench.microvm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches guests' console files every 10 ms, on its own thread, and records when each guest's
 * {@code edgefleet-guest-ready <id> } line first appears (in {@link System#nanoTime()} units): the
 * moment its userspace ran. Reads only what was appended since the last look.
 */
final class ConsoleWatch implements AutoCloseable {
    static final long POLL_MILLIS = 10;

    private static final class Console {
        final Path file;
        final String marker;
        long offset;
        String tail = "";
        volatile long readyNanos;

        Console(Path file, String microVmId) {
            this.file = file;
            this.marker = "edgefleet-guest-ready " + microVmId + " ";
        }
    }

    private final Map<String, Console> consoles = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    ConsoleWatch() {
        thread = new Thread(this::loop, "console-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts watching a guest's console (the file may not exist yet). */
    void watch(String microVmId, Path console) {
        consoles.put(microVmId, new Console(console, microVmId));
    }

    /** When the guest printed its ready line, or 0 while it has not. */
    long readyNanos(String microVmId) {
        Console c = consoles.get(microVmId);
        return c == null ? 0 : c.readyNanos;
    }

    void forget() {
        consoles.clear();
    }

    /** This thread's CPU so far, so the caller can leave the bench's own watching out of the agent's CPU. */
    long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId());
    }

    private void loop() {
        while (running) {
            long now = System.nanoTime();
            for (Console c : consoles.values()) {
                if (c.readyNanos == 0) {
                    look(c, now);
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void look(Console c, long now) {
        if (!Files.exists(c.file)) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(c.file.toFile(), "r")) {
            long length = f.length();
            if (length <= c.offset) {
                return;
            }
            byte[] fresh = new byte[(int) Math.min(length - c.offset, 1 << 20)];
            f.seek(c.offset);
            f.readFully(fresh);
            c.offset += fresh.length;
            String text = c.tail + new String(fresh, StandardCharsets.ISO_8859_1);
            if (text.contains(c.marker)) {
                c.readyNanos = now;
            }
            // Keep the last bytes: the marker may straddle two reads.
            c.tail = text.substring(Math.max(0, text.length() - c.marker.length()));
        } catch (IOException e) {
            // Being written: look again next time.
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
