package io.edgefleet.agent.driver.firecracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for one Firecracker process's API server, on a real Unix domain socket. Every request
 * is first checked against the API spec ({@link FirecrackerSpec}); a request that does not conform is
 * answered 400 with a {@code fault_message} and recorded as a violation. Conforming requests are
 * then answered as Firecracker does: 204 No Content, or 400 {@code {"fault_message": ...}} for what
 * Firecracker itself refuses (a kernel or disk file that does not exist, path and body ids that
 * differ, pre-boot resources after boot, starting without a kernel). {@code GET /} answers an
 * InstanceInfo. {@code SendCtrlAltDel} on a running guest makes the "process" exit, as Firecracker
 * exits when its guest resets. What {@code PUT /mmds/config} and {@code PUT /mmds} set is what the guest reads
 * from its metadata service ({@link #mmds()}).
 */
final class FakeFirecrackerServer implements AutoCloseable {

    /** One request as received, with the spec violations found in it. */
    record Request(String method, String path, String body, List<String> violations) {
        String line() {
            return method + " " + path;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path socket;
    private final FirecrackerSpec spec;
    private final String instanceId;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> rejections = new ConcurrentHashMap<>();
    private final ServerSocketChannel server;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean hang;
    private volatile String state = "Not started";
    private volatile boolean kernelConfigured;
    private final java.util.Set<String> interfaces = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Path chroot = Path.of("/");
    private final FakeMmds mmds = new FakeMmds();

    FakeFirecrackerServer(Path socket, FirecrackerSpec spec, String instanceId) throws IOException {
        this.socket = socket;
        this.spec = spec;
        this.instanceId = instanceId;
        Files.createDirectories(socket.getParent());
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(this::serve, "fake-firecracker-" + instanceId);
        thread.setDaemon(true);
        thread.start();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    boolean running() {
        return running;
    }

    String state() {
        return state;
    }

    /** The metadata service this microVM's guest reads. */
    FakeMmds mmds() {
        return mmds;
    }

    /** Makes the next requests on {@code "PUT /path"} fail with this fault message (Firecracker-side refusal). */
    void reject(String methodAndPath, String faultMessage) {
        rejections.put(methodAndPath, faultMessage);
    }

    /** Resolves file paths in requests inside this directory, as a jailed firecracker sees them. */
    void chroot(Path jailRoot) {
        chroot = jailRoot;
    }

    private boolean fileExists(String path) {
        return Files.exists(chroot.resolve(path.startsWith("/") ? path.substring(1) : path));
    }

    /** Stops answering (requests are read, never answered): a hung VMM. */
    void hang() {
        hang = true;
    }

    private void serve() {
        while (running) {
            try (SocketChannel ch = server.accept()) {
                handle(Channels.newInputStream(ch), Channels.newOutputStream(ch));
            } catch (IOException e) {
                // closed by close(), or a client that went away: keep serving while running
            }
        }
    }

    private void handle(InputStream in, OutputStream out) throws IOException {
        while (running) {
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            int length = 0;
            for (String l : lines) {
                if (l.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(l.substring(15).trim());
                }
            }
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            Request r = new Request(requestLine[0], requestLine[1], body, spec.checkRequest(requestLine[0], requestLine[1], body));
            requests.add(r);
            if (hang) {
                sleepQuietly();
                return;
            }
            respond(r, out);
        }
    }

    private void respond(Request r, OutputStream out) throws IOException {
        if (!r.violations().isEmpty()) {
            send(out, 400, fault("Invalid request: " + String.join("; ", r.violations())));
            return;
        }
        if (r.method().equals("GET") && r.path().equals("/")) {
            ObjectNode info = MAPPER.createObjectNode().put("id", instanceId).put("state", state)
                    .put("vmm_version", spec.version()).put("app_name", "Firecracker");
            send(out, 200, info.toString());
            return;
        }
        String refusal = rejections.getOrDefault(r.line(), emulate(r, MAPPER.readTree(r.body())));
        if (refusal != null) {
            send(out, 400, fault(refusal));
            return;
        }
        send(out, 204, null);
        if (r.path().equals("/actions") && r.body().contains("SendCtrlAltDel")) {
            close(); // the guest resets, Firecracker exits
        }
    }

    /** What Firecracker itself refuses among spec-conforming requests; null if it accepts. */
    private String emulate(Request r, JsonNode body) {
        boolean preBoot = r.path().startsWith("/machine-config") || r.path().startsWith("/boot-source")
                || r.path().startsWith("/drives/") || r.path().startsWith("/network-interfaces/")
                || r.path().equals("/mmds/config");
        if (preBoot && !state.equals("Not started")) {
            return "The requested operation is not supported after starting the microVM.";
        }
        switch (r.path().replaceAll("^/(drives|network-interfaces)/.*", "/$1/")) {
            case "/boot-source" -> {
                if (!fileExists(body.get("kernel_image_path").asText())) {
                    return "Invalid kernel path: No such file or directory (os error 2)";
                }
                kernelConfigured = true;
            }
            case "/drives/" -> {
                String id = r.path().substring("/drives/".length());
                if (!id.equals(body.get("drive_id").asText())) {
                    return "The id from the path [" + id + "] does not match the id from the body [" + body.get("drive_id").asText() + "]!";
                }
                if (body.has("path_on_host") && !fileExists(body.get("path_on_host").asText())) {
                    return "Unable to create the block device: BackingFile(Os { code: 2, kind: NotFound, message: \"No such file or directory\" })";
                }
            }
            case "/network-interfaces/" -> {
                String id = r.path().substring("/network-interfaces/".length());
                if (!id.equals(body.get("iface_id").asText())) {
                    return "The id from the path [" + id + "] does not match the id from the body [" + body.get("iface_id").asText() + "]!";
                }
                interfaces.add(id);
            }
            case "/mmds/config" -> {
                for (JsonNode iface : body.get("network_interfaces")) {
                    if (!interfaces.contains(iface.asText())) {
                        return "The list of network interface IDs that allow forwarding MMDS requests is empty or contains an unknown ID.";
                    }
                }
                mmds.configure(body.path("version").asText("V1"));
            }
            case "/mmds" -> {
                if (r.method().equals("PUT")) {
                    mmds.put(body);
                }
            }
            case "/actions" -> {
                String action = body.get("action_type").asText();
                if (action.equals("InstanceStart")) {
                    if (!state.equals("Not started")) {
                        return "The requested operation is not supported after starting the microVM.";
                    }
                    if (!kernelConfigured) {
                        return "Cannot start microvm without kernel configuration.";
                    }
                    state = "Running";
                } else if (action.equals("SendCtrlAltDel") && !state.equals("Running")) {
                    return "The requested operation is not supported before starting the microVM.";
                }
            }
            default -> { }
        }
        return null;
    }

    private static String fault(String message) {
        return MAPPER.createObjectNode().put("fault_message", message).toString();
    }

    private static void send(OutputStream out, int status, String json) throws IOException {
        String reason = switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            default -> "Bad Request";
        };
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n")
                .append("Server: Firecracker API\r\n").append("Connection: keep-alive\r\n");
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        if (json != null) {
            head.append("Content-Type: application/json\r\n").append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private void sleepQuietly() {
        while (running && hang) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The "process" exits: the socket stops answering and is removed, as when Firecracker exits. */
    @Override
    public void close() {
        running = false;
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // best effort, like a dying process
        }
    }
}
