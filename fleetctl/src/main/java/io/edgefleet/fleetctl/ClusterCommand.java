package io.edgefleet.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetctl cluster create|scale|upgrade|delete|get|list|watch|kubeconfig}. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Kubernetes clusters on edge sites.",
        footer = {"", ExitCodes.HELP},
        subcommands = {ClusterCommand.Create.class, ClusterCommand.Scale.class, ClusterUpgradeCommand.class,
                ClusterCommand.Delete.class,
                ClusterCommand.Get.class, ClusterCommand.ListClusters.class, ClusterCommand.Watch.class,
                ClusterKubeconfigCommand.class})
public class ClusterCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Request a cluster (answered at once with the request id; --wait follows it to READY).")
    static class Create implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;
        @Parameters(index = "0", arity = "0..1", description = "Cluster id (a DNS label); not needed with -f.")
        String id;
        @Option(names = {"-f", "--file"}, description = "The request as JSON (a ClusterRequested event's data); flags are ignored.")
        Path file;
        @Option(names = "--team", description = "Owning team (default: the token's team, if it has exactly one).")
        String team;
        @Option(names = "--site", description = "Edge site id.")
        String site;
        @Option(names = "--k8s", defaultValue = "1.31.2", description = "Kubernetes version (default ${DEFAULT-VALUE}).")
        String kubernetesVersion;
        @Option(names = "--cp", defaultValue = "3", description = "Control-plane replicas: 1, 3, 5 or 7 (default ${DEFAULT-VALUE});"
                + " later, cluster scale --cp changes it.")
        int cpReplicas;
        @Option(names = "--cp-vcpu", defaultValue = "2") int cpVcpu;
        @Option(names = "--cp-memory", defaultValue = "4096", description = "MiB per control plane (default ${DEFAULT-VALUE}).")
        long cpMemory;
        @Option(names = "--cp-disk", defaultValue = "20", description = "GiB per control plane (default ${DEFAULT-VALUE}).")
        int cpDisk;
        @Option(names = "--workers", defaultValue = "0", description = "Number of workers (default ${DEFAULT-VALUE}).")
        int workers;
        @Option(names = "--worker-kind", defaultValue = "MICROVM", description = "MICROVM or BARE_METAL (default ${DEFAULT-VALUE}).")
        String workerKind;
        @Option(names = "--worker-vcpu", defaultValue = "4") int workerVcpu;
        @Option(names = "--worker-memory", defaultValue = "8192", description = "MiB per microVM worker (default ${DEFAULT-VALUE}).")
        long workerMemory;
        @Option(names = "--worker-disk", defaultValue = "40", description = "GiB per microVM worker (default ${DEFAULT-VALUE}).")
        int workerDisk;
        @Option(names = "--ttl", description = "Time to live in seconds (optional).")
        Long ttlSeconds;
        @Option(names = "--label", description = "A label key=value (repeatable).")
        Map<String, String> labels;
        @Option(names = "--template", description = "A cluster template (fleetctl template list): it fills in every"
                + " field no flag given here sets; the defaults of flags not given are not sent.")
        String template;
        @Option(names = "--wait", description = "Follow the request until the cluster is READY (exit 0) or FAILED/rejected (exit 1).")
        boolean await;
        @Option(names = "--timeout", defaultValue = "600", description = "Seconds --wait waits (default ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        public Integer call() throws IOException {
            String body = file != null ? Files.readString(file) : ApiClient.JSON.writeValueAsString(request());
            ApiClient api = global.client();
            JsonNode accepted = api.post("/api/v1/clusters", body);
            PrintWriter out = spec.commandLine().getOut();
            String clusterId = id != null ? id : ApiClient.JSON.readTree(body).path("clusterId").asText();
            if (global.json()) {
                Printer.json(out, accepted);
            } else {
                out.println("requested cluster " + clusterId + ": request " + accepted.path("requestId").asText()
                        + " (outcome: " + accepted.path("location").asText() + ")");
                out.flush();
            }
            if (!await) {
                return ExitCodes.OK;
            }
            return new Watcher(api, out, global.json()).watch(clusterId, accepted.path("location").asText(null),
                    Duration.ofSeconds(timeoutSeconds));
        }

        private ObjectNode request() {
            if (id == null || site == null) {
                throw new FleetCtlException(ExitCodes.USAGE, "give the cluster id and --site (or -f FILE)");
            }
            String owner = team != null ? team : ApiClient.soleTeam(global.token());
            if (owner == null) {
                throw new FleetCtlException(ExitCodes.USAGE, "give --team (the token does not name exactly one team)");
            }
            ObjectNode r = ApiClient.JSON.createObjectNode();
            if (template != null) {
                return TemplateOverrides.request(this, r.put("clusterId", id).put("team", owner)
                        .put("siteId", site).put("template", template));
            }
            r.put("clusterId", id).put("team", owner).put("siteId", site).put("kubernetesVersion", kubernetesVersion);
            r.putObject("controlPlane").put("replicas", cpReplicas).put("vcpu", cpVcpu).put("memoryMib", cpMemory)
                    .put("diskGib", cpDisk);
            ObjectNode w = r.putObject("workers").put("kind", workerKind.toUpperCase()).put("count", workers);
            if ("MICROVM".equalsIgnoreCase(workerKind)) {
                w.put("vcpu", workerVcpu).put("memoryMib", workerMemory).put("diskGib", workerDisk);
            }
            if (ttlSeconds != null) {
                r.put("ttlSeconds", ttlSeconds);
            }
            if (labels != null) {
                ObjectNode l = r.putObject("labels");
                labels.forEach(l::put);
            }
            return r;
        }
    }

    @Command(name = "scale", mixinStandardHelpOptions = true,
            description = "Request a new control-plane replica count, worker count, or both (one decision: both or"
                    + " neither); --wait follows it until the cluster is READY with the new counts.")
    static class Scale implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "Cluster id.") String id;
        @Option(names = "--cp", description = "The new number of control-plane replicas: 1, 3, 5 or 7.")
        Integer controlPlaneReplicas;
        @Option(names = "--workers", description = "The new number of workers.")
        Integer workers;
        @Option(names = "--wait", description = "Follow the request until the cluster is READY with the new counts"
                + " (exit 0), or FAILED/rejected (exit 1).")
        boolean await;
        @Option(names = "--timeout", defaultValue = "600", description = "Seconds --wait waits (default ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        public Integer call() {
            if (controlPlaneReplicas == null && workers == null) {
                throw new FleetCtlException(ExitCodes.USAGE, "give --cp N, --workers N, or both");
            }
            ObjectNode body = ApiClient.JSON.createObjectNode();
            if (controlPlaneReplicas != null) {
                body.put("controlPlaneReplicas", controlPlaneReplicas);
            }
            if (workers != null) {
                body.put("workerCount", workers);
            }
            ApiClient api = global.client();
            JsonNode accepted = api.post("/api/v1/clusters/" + id + "/scale", body.toString());
            Submitted.print(spec, global, accepted, "requested " + what() + " for cluster " + id);
            if (!await) {
                return ExitCodes.OK;
            }
            return new Watcher(api, spec.commandLine().getOut(), global.json()).watch(id,
                    accepted.path("location").asText(null), Duration.ofSeconds(timeoutSeconds), this::hasNewCounts);
        }

        private String what() {
            String cp = controlPlaneReplicas == null ? null : controlPlaneReplicas + " control-plane replica(s)";
            String w = workers == null ? null : workers + " worker(s)";
            return cp == null ? w : w == null ? cp : cp + " and " + w;
        }

        /** The cluster's placement shows the counts asked for. */
        private boolean hasNewCounts(JsonNode cluster) {
            return (controlPlaneReplicas == null || nodes(cluster, "CONTROL_PLANE") == controlPlaneReplicas)
                    && (workers == null || nodes(cluster, "WORKER") == workers);
        }

        private static int nodes(JsonNode cluster, String role) {
            int n = 0;
            for (JsonNode node : cluster.path("placement")) {
                if (role.equals(node.path("role").asText())) {
                    n++;
                }
            }
            return n;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Request a cluster's deletion.")
    static class Delete implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "Cluster id.") String id;
        @Option(names = "--reason", description = "Free text kept for the audit trail.") String reason;

        @Override
        public Integer call() {
            JsonNode accepted = global.client().delete("/api/v1/clusters/" + id
                    + ApiClient.query(ApiClient.params("reason", reason)));
            return Submitted.print(spec, global, accepted, "requested deletion of cluster " + id);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a cluster: status and where every node runs.")
    static class Get implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "Cluster id.") String id;

        @Override
        public Integer call() {
            JsonNode c = global.client().get("/api/v1/clusters/" + id);
            PrintWriter out = spec.commandLine().getOut();
            if (global.json()) {
                Printer.json(out, c);
                return ExitCodes.OK;
            }
            out.println("cluster    " + c.path("clusterId").asText());
            out.println("team       " + c.path("team").asText());
            out.println("site       " + c.path("siteId").asText());
            out.println("status     " + c.path("status").asText());
            ClusterUpgradeCommand.printVersion(out, c);
            if (c.hasNonNull("reason")) {
                out.println("reason     " + c.path("reason").asText());
            }
            if (c.hasNonNull("apiServerEndpoint")) {
                out.println("api server " + c.path("apiServerEndpoint").asText());
            }
            out.println("changed    " + c.path("changedAt").asText());
            Table nodes = new Table("NODE", "ROLE", "HOST");
            for (JsonNode n : c.path("placement")) {
                nodes.row(n.path("microVmId").asText("(bare metal)"), n.path("role").asText(), n.path("hostId").asText());
            }
            out.println();
            nodes.print(out);
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the clusters you may see.")
    static class ListClusters implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;
        @Option(names = "--team") String team;
        @Option(names = "--site") String site;
        @Option(names = "--status", description = "e.g. READY, PROVISIONING, FAILED") String status;
        @Option(names = "--page", defaultValue = "0") int page;
        @Option(names = "--size", defaultValue = "50") int size;

        @Override
        public Integer call() {
            JsonNode result = global.client().get("/api/v1/clusters" + ApiClient.query(ApiClient.params(
                    "team", team, "site", site, "status", status, "page", page, "size", size)));
            PrintWriter out = spec.commandLine().getOut();
            if (global.json()) {
                Printer.json(out, result);
                return ExitCodes.OK;
            }
            Table table = new Table("CLUSTER", "TEAM", "SITE", "STATUS", "NODES", "HOSTS");
            for (JsonNode c : result.path("items")) {
                Set<String> hosts = new LinkedHashSet<>();
                c.path("placement").forEach(n -> hosts.add(n.path("hostId").asText()));
                table.row(c.path("clusterId").asText(), c.path("team").asText(), c.path("siteId").asText(),
                        c.path("status").asText(), c.path("placement").size(), String.join(",", hosts));
            }
            table.print(out);
            int total = result.path("total").asInt();
            if (result.path("totalPages").asInt() > 1) {
                out.println("page " + page + " of " + result.path("totalPages").asInt() + " (" + total
                        + " clusters; --page N)");
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Follow a cluster until READY (exit 0) or FAILED (exit 1), printing every change.")
    static class Watch implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "Cluster id.") String id;
        @Option(names = "--timeout", defaultValue = "600", description = "Seconds to wait (default ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        public Integer call() {
            return new Watcher(global.client(), spec.commandLine().getOut(), global.json())
                    .watch(id, null, Duration.ofSeconds(timeoutSeconds));
        }
    }
}
