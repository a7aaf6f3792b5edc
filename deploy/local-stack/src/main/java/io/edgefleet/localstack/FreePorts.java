package io.edgefleet.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Port helpers: pick a free loopback port, and wait until a server listens on one. */
public final class FreePorts {
    private FreePorts() {
    }

    /** A port that was free a moment ago (the OS picks it). */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free local port", e);
        }
    }

    public static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until something accepts connections on {@code port}, or throws naming {@code what}
     * and the log to read. {@code alive} lets us fail fast when the process already died.
     */
    public static void awaitOpen(int port, Duration timeout, String what, StackProcess process) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (isOpen(port)) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(what + " exited before listening on port " + port
                        + "; see " + process.log());
            }
            sleep(100);
        }
        throw new IllegalStateException(what + " did not listen on port " + port + " within "
                + timeout.toSeconds() + " s" + (process == null ? "" : "; see " + process.log()));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
