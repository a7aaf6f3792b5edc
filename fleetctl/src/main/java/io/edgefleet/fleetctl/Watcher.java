package io.edgefleet.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Polls a cluster or a network function (and, after a create, its request's outcome) and prints every change
 * until it is READY (a cluster) or RUNNING (a network function), or FAILED, the request is rejected, or time
 * runs out.
 */
final class Watcher {
    private static final long POLL_MILLIS = 500;

    private final ApiClient api;
    private final PrintWriter out;
    private final boolean json;

    Watcher(ApiClient api, PrintWriter out, boolean json) {
        this.api = api;
        this.out = out;
        this.json = json;
    }

    /** What is followed: where it is read, what it is called, and the status that ends the wait well. */
    private record Watched(String path, String noun, String done) {
    }

    /** @param outcomePath where the create request's outcome appears, or null */
    int watch(String clusterId, String outcomePath, Duration timeout) {
        return watch(clusterId, outcomePath, timeout, cluster -> true);
    }

    /** Follows network function {@code nfId} of a cluster until it is RUNNING or FAILED, or its request is rejected. */
    int watchNetworkFunction(String nfId, String clusterId, String outcomePath, Duration timeout) {
        return watch(new Watched("/api/v1/network-functions/" + nfId + "?cluster=" + clusterId, "network function " + nfId,
                "RUNNING"), outcomePath, timeout, nf -> true);
    }

    /**
     * As {@link #watch(String, String, Duration)}, but READY counts only once the request's outcome is
     * known and {@code settled} holds for the cluster: after a scale, a READY read before the change
     * reached fleet-api's read side still shows the old node counts.
     */
    int watch(String clusterId, String outcomePath, Duration timeout, Predicate<JsonNode> settled) {
        return watch(clusterId, outcomePath, timeout, settled, cluster -> false);
    }

    /**
     * As above, and a cluster for which {@code stopped} holds once the outcome is known ends the wait as failed,
     * though its status is not FAILED (an upgrade that stopped leaves its cluster READY).
     */
    int watch(String clusterId, String outcomePath, Duration timeout, Predicate<JsonNode> settled,
              Predicate<JsonNode> stopped) {
        return watch(new Watched("/api/v1/clusters/" + clusterId, "cluster " + clusterId, "READY"), outcomePath, timeout,
                settled, stopped);
    }

    private int watch(Watched watched, String outcomePath, Duration timeout, Predicate<JsonNode> settled) {
        return watch(watched, outcomePath, timeout, settled, node -> false);
    }

    private int watch(Watched watched, String outcomePath, Duration timeout, Predicate<JsonNode> settled,
                      Predicate<JsonNode> stopped) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        boolean waitingSaid = false;
        boolean outcomeKnown = outcomePath == null;
        while (System.nanoTime() < deadline) {
            if (!outcomeKnown) {
                JsonNode outcome = optional(outcomePath);
                if (outcome != null) {
                    outcomeKnown = true;
                    if ("REJECTED".equals(outcome.path("status").asText())) {
                        say(outcome, "REJECTED " + outcome.path("code").asText() + ": " + outcome.path("message").asText());
                        return ExitCodes.FAILED;
                    }
                }
            }
            JsonNode cluster = optional(watched.path());
            if (cluster == null) {
                if (!waitingSaid && !json) {
                    out.println(now() + "  waiting for placement to decide on " + watched.noun() + " ...");
                    out.flush();
                    waitingSaid = true;
                }
            } else {
                String status = cluster.path("status").asText();
                String line = status + describe(cluster);
                if (!line.equals(last)) {
                    say(cluster, line);
                    last = line;
                }
                if (watched.done().equals(status) && outcomeKnown && settled.test(cluster)) {
                    return ExitCodes.OK;
                }
                if ("FAILED".equals(status) || "DELETED".equals(status) || outcomeKnown && stopped.test(cluster)) {
                    return ExitCodes.FAILED;
                }
            }
            sleep();
        }
        if (!json) {
            out.println(now() + "  gave up after " + timeout.toSeconds() + " s (last: " + (last == null ? "unknown" : last) + ")");
            out.flush();
        }
        return ExitCodes.TIMEOUT;
    }

    private JsonNode optional(String path) {
        try {
            return api.get(path);
        } catch (FleetCtlException e) {
            if (e.exitCode() == ExitCodes.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private void say(JsonNode node, String line) {
        if (json) {
            out.println(node.toString());
        } else {
            out.println(now() + "  " + line);
        }
        out.flush();
    }

    private static String describe(JsonNode cluster) {
        StringBuilder s = new StringBuilder();
        int nodes = cluster.path("placement").size();
        if (nodes > 0) {
            Set<String> hosts = new LinkedHashSet<>();
            cluster.path("placement").forEach(n -> hosts.add(n.path("hostId").asText()));
            s.append("  ").append(nodes).append(" node(s) on ").append(String.join(", ", hosts));
        }
        int replicas = cluster.path("replicas").size();
        if (replicas > 0) {
            Set<String> hosts = new LinkedHashSet<>();
            cluster.path("replicas").forEach(r -> hosts.add(r.path("hostId").asText() + "/NUMA " + r.path("numaNode").asText()));
            s.append("  ").append(replicas).append(" replica(s) on ").append(String.join(", ", hosts));
        }
        if (cluster.hasNonNull("reason")) {
            s.append("  (").append(cluster.path("reason").asText()).append(')');
        }
        return s.toString();
    }

    private static String now() {
        return LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"));
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetCtlException(ExitCodes.FAILED, "interrupted");
        }
    }
}
