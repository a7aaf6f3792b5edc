package io.edgefleet.agent.driver.firecracker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Just enough HTTP/1.1 to talk to a Firecracker API socket: one request per connection, a JSON
 * body with Content-Length, a response with Content-Length (or none, for 204). Written here because
 * the JDK's HTTP client cannot use a Unix domain socket and the agent takes no extra dependency.
 * Every exchange has a deadline: a hung VMM must not hang the agent's reconcile loop.
 */
final class UnixSocketHttpClient {

    /** A response: status code and body text ({@code ""} if none). */
    record Response(int status, String body) {
    }

    private final Path socket;
    private final Duration timeout;

    UnixSocketHttpClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** Sends one request and reads the whole response, or fails within the timeout. */
    Response exchange(String method, String path, String jsonBody) throws IOException {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\n")
                .append("Accept: application/json\r\n");
        if (jsonBody != null) {
            head.append("Content-Type: application/json\r\n").append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(headBytes.length + body.length).put(headBytes).put(body).flip();

        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX); Selector selector = Selector.open()) {
            ch.configureBlocking(false);
            SelectionKey key = ch.register(selector, SelectionKey.OP_CONNECT);
            if (!ch.connect(UnixDomainSocketAddress.of(socket))) {
                await(selector, deadline, "connect");
                ch.finishConnect();
            }
            key.interestOps(SelectionKey.OP_WRITE);
            while (out.hasRemaining()) {
                if (ch.write(out) == 0) {
                    await(selector, deadline, "write");
                }
            }
            key.interestOps(SelectionKey.OP_READ);
            return read(ch, selector, deadline);
        }
    }

    private Response read(SocketChannel ch, Selector selector, long deadline) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (true) {
            Response complete = parseIfComplete(received.toByteArray(), false);
            if (complete != null) {
                return complete;
            }
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) {
                Response atEof = parseIfComplete(received.toByteArray(), true);
                if (atEof == null) {
                    throw new IOException("connection closed before a complete HTTP response from " + socket);
                }
                return atEof;
            }
            if (n == 0) {
                await(selector, deadline, "read");
            } else {
                received.write(buf.array(), 0, n);
            }
        }
    }

    /** The response if {@code bytes} hold all of it, else null. */
    private static Response parseIfComplete(byte[] bytes, boolean eof) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1); // byte-for-char, to count lengths
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return null;
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + lines[0]);
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad HTTP status line: " + lines[0], e);
        }
        int contentLength = -1;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                contentLength = Integer.parseInt(lines[i].substring(colon + 1).trim());
            }
        }
        int bodyStart = headEnd + 4;
        if (contentLength < 0) {
            // No length: 204/304 have no body; otherwise the body runs to the end of the connection.
            if (status == 204 || status == 304) {
                contentLength = 0;
            } else if (eof) {
                contentLength = bytes.length - bodyStart;
            } else {
                return null;
            }
        }
        if (bytes.length - bodyStart < contentLength) {
            return null;
        }
        return new Response(status, new String(bytes, bodyStart, contentLength, StandardCharsets.UTF_8));
    }

    private void await(Selector selector, long deadline, String what) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0 || selector.select(left) == 0 && System.nanoTime() >= deadline) {
            throw new SocketTimeoutException("no " + what + " on " + socket + " within " + timeout.toMillis() + " ms");
        }
        selector.selectedKeys().clear();
    }
}
