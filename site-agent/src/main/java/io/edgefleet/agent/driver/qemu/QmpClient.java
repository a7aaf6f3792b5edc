package io.edgefleet.agent.driver.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One QMP exchange with a QEMU process over its Unix socket: read the greeting, leave capabilities
 * negotiation mode, send one command, return its {@code return} value (skipping asynchronous events).
 * Every exchange has a deadline: a hung VMM must not hang the reconcile loop.
 */
final class QmpClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path socket;
    private final Duration timeout;

    QmpClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** Runs {@code command} (e.g. {@code query-status}) and returns its result; QMP errors become {@link IOException}s with QEMU's words. */
    JsonNode execute(String command) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX); Selector selector = Selector.open()) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.configureBlocking(false);
            Lines lines = new Lines(ch, selector, deadline);
            JsonNode greeting = lines.next();
            if (!greeting.has("QMP")) {
                throw new IOException("QMP socket " + socket + " did not greet with QMP: " + greeting);
            }
            lines.send("{\"execute\":\"qmp_capabilities\"}");
            lines.reply("qmp_capabilities");
            lines.send("{\"execute\":\"" + command + "\"}");
            return lines.reply(command);
        }
    }

    /** Newline-delimited JSON in both directions over a non-blocking channel, all bound by one deadline. */
    private record Lines(SocketChannel ch, Selector selector, long deadline, ByteArrayOutputStream pending) {
        Lines(SocketChannel ch, Selector selector, long deadline) {
            this(ch, selector, deadline, new ByteArrayOutputStream());
        }

        void send(String json) throws IOException {
            ByteBuffer out = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                if (ch.write(out) == 0) {
                    await(SelectionKey.OP_WRITE);
                }
            }
        }

        /** The next reply to a command: its {@code return}, or an exception carrying QEMU's error. */
        JsonNode reply(String command) throws IOException {
            while (true) {
                JsonNode msg = next();
                if (msg.has("return")) {
                    return msg.get("return");
                }
                if (msg.has("error")) {
                    throw new IOException("QMP " + command + " failed: " + msg.get("error").path("desc").asText(msg.toString()));
                }
                // else an event ({"event": ...}): not ours
            }
        }

        JsonNode next() throws IOException {
            ByteBuffer in = ByteBuffer.allocate(4096);
            while (true) {
                byte[] buffered = pending.toByteArray();
                for (int i = 0; i < buffered.length; i++) {
                    if (buffered[i] == '\n') {
                        pending.reset();
                        pending.write(buffered, i + 1, buffered.length - i - 1);
                        return MAPPER.readTree(new String(buffered, 0, i, StandardCharsets.UTF_8));
                    }
                }
                in.clear();
                int n = ch.read(in);
                if (n < 0) {
                    throw new IOException("QMP socket closed by QEMU");
                }
                if (n == 0) {
                    await(SelectionKey.OP_READ);
                }
                pending.write(in.array(), 0, n);
            }
        }

        private void await(int op) throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("QMP did not answer in time");
            }
            SelectionKey key = ch.register(selector, op);
            selector.select(Math.max(1, left / 1_000_000));
            key.cancel();
            selector.selectNow(); // flush the cancelled key so the channel can be registered again
        }
    }
}
