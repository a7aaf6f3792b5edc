package io.edgefleet.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetctl nf create|delete|get|list}: 5G network functions (UPF, DU, CU) in a team's clusters. */
@Command(name = "nf", mixinStandardHelpOptions = true, description = "Network functions (UPF, DU, CU) in your clusters.",
        footer = {"", ExitCodes.HELP},
        subcommands = {NetworkFunctionCommand.Create.class, NetworkFunctionCommand.Delete.class,
                NetworkFunctionCommand.Get.class, NetworkFunctionCommand.ListFunctions.class})
public class NetworkFunctionCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Request a network function: every replica's cores, hugepages and VFs from one NUMA node"
                    + " (answered at once with the request id; --wait follows it to RUNNING).")
    static class Create implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;
        @Parameters(index = "0", arity = "0..1", description = "Network function id (a DNS label); not needed with -f.")
        String id;
        @Option(names = {"-f", "--file"}, description = "The request as JSON (a NetworkFunctionRequested event's data).")
        Path file;
        @Option(names = "--cluster", description = "The cluster it runs in.") String cluster;
        @Option(names = "--site", description = "Site (default: the cluster's).") String site;
        @Option(names = "--team", description = "Team (default: the cluster's).") String team;
        @Option(names = "--kind", defaultValue = "UPF", description = "UPF, DU or CU (default ${DEFAULT-VALUE}).") String kind;
        @Option(names = "--replicas", defaultValue = "1") int replicas;
        @Option(names = "--pinned-cores", defaultValue = "4", description = "Exclusive cores per replica (default ${DEFAULT-VALUE}).")
        int pinnedCores;
        @Option(names = "--hugepages", defaultValue = "2", description = "1 GiB hugepages per replica (default ${DEFAULT-VALUE}).")
        int hugepages;
        @Option(names = "--memory", defaultValue = "2048", description = "MiB per replica (default ${DEFAULT-VALUE}).")
        long memory;
        @Option(names = "--vf", description = "SR-IOV VFs per replica, physnet=count (repeatable).")
        Map<String, Integer> vfs;
        @Option(names = "--vendor", description = "Whose implementation of the kind; the site maps kind and vendor to an image"
                + " (default: the site's image of the kind).")
        String vendor;
        @Option(names = "--wait", description = "Follow the request until the network function is RUNNING (exit 0) or"
                + " FAILED/rejected (exit 1), printing each status with its reason.")
        boolean await;
        @Option(names = "--timeout", defaultValue = "600", description = "Seconds --wait waits (default ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        public Integer call() throws IOException {
            ApiClient api = global.client();
            String body = file != null ? Files.readString(file) : ApiClient.JSON.writeValueAsString(request(api));
            JsonNode sent = ApiClient.JSON.readTree(body);
            String nfId = sent.path("nfId").asText();
            JsonNode accepted = api.post("/api/v1/network-functions", body);
            int submitted = Submitted.print(spec, global, accepted, "requested network function " + nfId);
            if (!await) {
                return submitted;
            }
            return new Watcher(api, spec.commandLine().getOut(), global.json()).watchNetworkFunction(
                    nfId, sent.path("clusterId").asText(), accepted.path("location").asText(null),
                    Duration.ofSeconds(timeoutSeconds));
        }

        private ObjectNode request(ApiClient api) {
            if (id == null || cluster == null) {
                throw new FleetCtlException(ExitCodes.USAGE, "give the network function id and --cluster (or -f FILE)");
            }
            if (site == null || team == null) {
                JsonNode c = api.get("/api/v1/clusters/" + cluster);
                site = site != null ? site : c.path("siteId").asText();
                team = team != null ? team : c.path("team").asText();
            }
            ObjectNode r = ApiClient.JSON.createObjectNode();
            r.put("nfId", id).put("team", team).put("siteId", site).put("clusterId", cluster)
                    .put("kind", kind.toUpperCase()).put("replicas", replicas).put("pinnedCores", pinnedCores)
                    .put("hugepages1Gi", hugepages).put("memoryMib", memory);
            if (vfs != null) {
                ObjectNode v = r.putObject("vfsByPhysnet");
                vfs.forEach(v::put);
            }
            if (vendor != null) {
                r.put("vendor", vendor);
            }
            return r;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Request a network function's deletion.")
    static class Delete implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "Network function id.") String id;
        @Option(names = "--cluster", description = "Its cluster, when the id is used in several.") String cluster;
        @Option(names = "--reason") String reason;

        @Override
        public Integer call() {
            JsonNode accepted = global.client().delete("/api/v1/network-functions/" + id
                    + ApiClient.query(ApiClient.params("cluster", cluster, "reason", reason)));
            return Submitted.print(spec, global, accepted, "requested deletion of network function " + id);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Show a network function: status, why (e.g. Kubernetes' reason its pods do not run), replicas.")
    static class Get implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "Network function id.") String id;
        @Option(names = "--cluster", description = "Its cluster, when two clusters use the same id.") String cluster;

        @Override
        public Integer call() {
            JsonNode nf = global.client().get("/api/v1/network-functions/" + id
                    + ApiClient.query(ApiClient.params("cluster", cluster)));
            PrintWriter out = spec.commandLine().getOut();
            if (global.json()) {
                Printer.json(out, nf);
                return ExitCodes.OK;
            }
            out.println("nf       " + nf.path("nfId").asText());
            out.println("cluster  " + nf.path("clusterId").asText());
            out.println("team     " + nf.path("team").asText());
            out.println("site     " + nf.path("siteId").asText());
            out.println("status   " + nf.path("status").asText());
            if (nf.hasNonNull("reason")) {
                out.println("reason   " + nf.path("reason").asText());
            }
            out.println("changed  " + nf.path("changedAt").asText());
            Table replicas = new Table("REPLICA", "HOST", "NUMA");
            for (JsonNode r : nf.path("replicas")) {
                replicas.row(r.path("index").asText(), r.path("hostId").asText(), r.path("numaNode").asText());
            }
            out.println();
            replicas.print(out);
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the network functions you may see.")
    static class ListFunctions implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;
        @Option(names = "--team") String team;
        @Option(names = "--site") String site;
        @Option(names = "--cluster") String cluster;
        @Option(names = "--page", defaultValue = "0") int page;
        @Option(names = "--size", defaultValue = "50") int size;

        @Override
        public Integer call() {
            JsonNode result = global.client().get("/api/v1/network-functions" + ApiClient.query(ApiClient.params(
                    "team", team, "site", site, "cluster", cluster, "page", page, "size", size)));
            PrintWriter out = spec.commandLine().getOut();
            if (global.json()) {
                Printer.json(out, result);
                return ExitCodes.OK;
            }
            Table table = new Table("NF", "CLUSTER", "TEAM", "SITE", "STATUS", "REPLICAS");
            for (JsonNode nf : result.path("items")) {
                StringBuilder replicas = new StringBuilder();
                for (JsonNode r : nf.path("replicas")) {
                    replicas.append(replicas.length() == 0 ? "" : ",").append(r.path("hostId").asText()).append("/numa")
                            .append(r.path("numaNode").asInt());
                }
                table.row(nf.path("nfId").asText(), nf.path("clusterId").asText(), nf.path("team").asText(),
                        nf.path("siteId").asText(), nf.path("status").asText(), replicas);
            }
            table.print(out);
            return ExitCodes.OK;
        }
    }
}
