package io.edgefleet.localstack.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code fleet status} shows of the real guests: each microVM the agents' QEMU drivers keep under
 * {@code <run>/qemu/<site>/<host>/<id>/}, with its host, state, planned address and whether it answers a
 * ping from the fleet's network namespace.
 */
final class QemuGuests {
    private static final Pattern ADDRESS = Pattern.compile("edgefleet\\.ip=([0-9.]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One guest as measured now. */
    record Guest(String site, String host, String microVmId, long pid, String state, String address, boolean pings,
                 String failure) {
    }

    private QemuGuests() {
    }

    static List<Guest> measure(Path stateDir) throws IOException {
        List<Guest> guests = new ArrayList<>();
        if (!Files.isDirectory(stateDir)) {
            return guests;
        }
        try (Stream<Path> records = Files.find(stateDir, 4, (p, a) -> p.getFileName().toString().equals("vm.json"))) {
            for (Path record : records.sorted().toList()) {
                guests.add(measureOne(stateDir, record));
            }
        }
        return guests;
    }

    private static Guest measureOne(Path stateDir, Path record) throws IOException {
        Path dir = record.getParent();
        Path rel = stateDir.relativize(dir);
        JsonNode vm = JSON.readTree(record.toFile());
        JsonNode spec = vm.path("spec");
        long pid = vm.path("pid").asLong(0);
        boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        Path console = dir.resolve("console.log");
        boolean booted = Files.exists(console) && Files.readString(console).contains("edgefleet-guest-ready");
        Matcher m = ADDRESS.matcher(spec.path("kernelArgs").asText(""));
        String address = m.find() ? m.group(1) : "";
        String state = !alive ? (Files.exists(dir.resolve("failed")) ? "FAILED" : "not running")
                : booted ? "booted" : "booting";
        boolean pings = alive && !address.isEmpty() && HostCommands.run(List.of("ip", "netns", "exec", QemuFleet.NETNS,
                "ping", "-c1", "-W1", address)).ok();
        return new Guest(rel.getName(0).toString(), spec.path("hostId").asText(rel.getNameCount() > 1
                ? rel.getName(1).toString() : ""), spec.path("microVmId").asText(dir.getFileName().toString()), pid, state,
                address, pings, Files.exists(dir.resolve("failed")) ? Files.readString(dir.resolve("failed")).strip() : "");
    }

    /** Prints one line per guest; returns whether every guest runs and answers. */
    static boolean print(Path stateDir, PrintStream out) throws IOException {
        List<Guest> guests = measure(stateDir);
        if (guests.isEmpty()) {
            out.println("real guests: none yet (the agents create them as placement plans the clusters)");
            return true;
        }
        out.println("real guests (QEMU, memory capped at " + QemuFleet.GUEST_MEMORY_CAP_MIB + " MiB each):");
        out.printf("  %-14s %-16s %-40s %-8s %-11s %-14s %s%n", "site", "host", "microVM", "pid", "state", "address", "ping");
        boolean all = true;
        for (Guest g : guests) {
            out.printf("  %-14s %-16s %-40s %-8d %-11s %-14s %s%n", g.site(), g.host(), g.microVmId(), g.pid(), g.state(),
                    g.address().isEmpty() ? "-" : g.address(), g.pings() ? "answers" : "no answer");
            if (!g.failure().isEmpty()) {
                out.println("    failed: " + g.failure());
            }
            all &= g.pings();
        }
        return all;
    }
}
