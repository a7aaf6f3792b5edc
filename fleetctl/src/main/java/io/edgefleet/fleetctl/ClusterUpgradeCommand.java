package io.edgefleet.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fleetctl cluster upgrade ID --to VERSION [--wait]}: requests a Kubernetes version upgrade. Placement
 * rolls the control plane one replica at a time, then the worker microVMs; the cluster stays READY, so
 * {@code --wait} follows the upgrade's own progress on the cluster's status: done (exit 0) or stopped at a
 * step (exit 1, the reason says which and why).
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = {"Request a Kubernetes version upgrade: a later patch of the cluster's minor or the next minor"
                + " (a skipped minor or a downgrade is rejected). Replicas are replaced one at a time, make before"
                + " break; the cluster stays READY.",
                "--wait follows it until every microVM runs the new version (exit 0) or the roll stops (exit 1)."},
        footer = {"", ExitCodes.HELP})
class ClusterUpgradeCommand implements Callable<Integer> {
    @Mixin Global global;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "Cluster id.") String id;
    @Option(names = "--to", required = true, description = "The target version, e.g. 1.32 or v1.32.1.")
    String version;
    @Option(names = "--wait", description = "Follow the upgrade until it is done (exit 0) or stopped (exit 1).")
    boolean await;
    @Option(names = "--timeout", defaultValue = "3600", description = "Seconds --wait waits (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    /** Set once this wait has seen the upgrade to {@link #version} rolling: a stop seen before is an older roll's. */
    private boolean seenRolling;

    @Override
    public Integer call() {
        String body = ApiClient.JSON.createObjectNode().put("kubernetesVersion", version).toString();
        ApiClient api = global.client();
        JsonNode accepted = api.post("/api/v1/clusters/" + id + "/upgrade", body);
        Submitted.print(spec, global, accepted, "requested upgrade of cluster " + id + " to " + version);
        if (!await) {
            return ExitCodes.OK;
        }
        return new Watcher(api, spec.commandLine().getOut(), global.json()).watch(id,
                accepted.path("location").asText(null), Duration.ofSeconds(timeoutSeconds),
                cluster -> state(cluster, "DONE"), this::stopped);
    }

    /** The cluster's version and its latest upgrade, as {@code cluster get} shows them. */
    static void printVersion(PrintWriter out, JsonNode cluster) {
        if (cluster.hasNonNull("kubernetesVersion")) {
            out.println("version    " + cluster.path("kubernetesVersion").asText());
        }
        JsonNode u = cluster.path("upgrade");
        if (u.isObject()) {
            out.println("upgrade    " + u.path("from").asText() + " -> " + u.path("to").asText() + ": "
                    + u.path("state").asText() + ", " + u.path("step").asText());
        }
    }

    private boolean stopped(JsonNode cluster) {
        seenRolling |= state(cluster, "ROLLING");
        return seenRolling && state(cluster, "FAILED");
    }

    /** The cluster's upgrade to this version is in {@code state}. */
    private boolean state(JsonNode cluster, String state) {
        JsonNode upgrade = cluster.path("upgrade");
        return version.equals(upgrade.path("to").asText()) && state.equals(upgrade.path("state").asText());
    }
}
