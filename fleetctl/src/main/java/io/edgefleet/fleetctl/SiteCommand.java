package io.edgefleet.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetctl site list|get|enroll|consolidate}: sites, their hosts and free capacity, identity, consolidation. */
@Command(name = "site", mixinStandardHelpOptions = true, description = "Edge sites, hosts and free capacity.",
        footer = {"", ExitCodes.HELP},
        subcommands = {SiteCommand.ListSites.class, SiteCommand.Get.class, SiteCommand.Enroll.class,
                SiteConsolidateCommand.class})
public class SiteCommand {

    @Command(name = "enroll", mixinStandardHelpOptions = true,
            description = {"Enroll a site's public key (fleet-admin token): placement then accepts only that site's"
                    + " reports signed with it. Enrolling again replaces the key (rotation).",
                    "With --host, the key of that host's agent (edgefleet.agent.host-id): placement verifies that"
                    + " host's reports with it; enrolling the host again rotates that host's key only.",
                    "The agent writes the key to enroll beside its key file: <edgefleet.agent.identity.key-file>.pub."})
    static class Enroll implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "Site id.") String id;
        @Option(names = "--public-key", required = true, paramLabel = "FILE",
                description = "The site's Ed25519 public key in PEM (the agent's site.key.pub).")
        Path publicKey;
        @Option(names = "--host", paramLabel = "HOST",
                description = "The host whose agent holds this key; omit for the site's own (site-wide agent's) key.")
        String host;

        @Override
        public Integer call() {
            String pem;
            try {
                pem = Files.readString(publicKey, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new FleetCtlException(ExitCodes.USAGE, "cannot read the public key file " + publicKey + ": "
                        + e.getMessage());
            }
            com.fasterxml.jackson.databind.node.ObjectNode body = ApiClient.JSON.createObjectNode().put("publicKeyPem", pem);
            if (host != null) {
                body.put("hostId", host);
            }
            JsonNode accepted = global.client().post("/api/v1/sites/" + id + "/enrollment", body.toString());
            return Submitted.print(spec, global, accepted, "requested enrollment of "
                    + (host == null ? "site " + id : "host " + host + " of site " + id));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every site and its agent's liveness.")
    static class ListSites implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode sites = global.client().get("/api/v1/sites");
            PrintWriter out = spec.commandLine().getOut();
            if (global.json()) {
                Printer.json(out, sites);
                return ExitCodes.OK;
            }
            Table table = new Table("SITE", "AGENT", "HOSTS", "READY", "IN-USE", "CLUSTERS", "NFS", "MICROVMS", "PLAN");
            for (JsonNode s : sites) {
                table.row(s.path("siteId").asText(), s.path("agentAlive").asBoolean() ? "live" : "silent",
                        s.path("hosts").asInt(), s.path("hostsReady").asInt(), s.path("hostsInUse").asInt(),
                        s.path("clusters").asInt(), s.path("networkFunctions").asInt(), s.path("microVms").asInt(),
                        s.hasNonNull("planVersion") ? "v" + s.path("planVersion").asLong() : "-");
            }
            table.print(out);
            return ExitCodes.OK;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "A site's hosts: CPU, memory, hugepages and VFs per NUMA node, used and free.")
    static class Get implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "Site id.") String id;

        @Override
        public Integer call() {
            ApiClient api = global.client();
            JsonNode site = api.get("/api/v1/sites/" + id);
            JsonNode hosts = api.get("/api/v1/sites/" + id + "/hosts");
            PrintWriter out = spec.commandLine().getOut();
            if (global.json()) {
                Printer.json(out, ApiClient.JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set(
                        "site", site).set("hosts", hosts));
                return ExitCodes.OK;
            }
            out.println("site " + id + ": agent " + (site.path("agentAlive").asBoolean() ? "live" : "silent")
                    + ", plan " + (site.hasNonNull("planVersion") ? "v" + site.path("planVersion").asLong() : "-")
                    + ", " + site.path("clusters").asInt() + " cluster(s), " + site.path("microVms").asInt()
                    + " microVM(s), " + site.path("networkFunctions").asInt() + " network function(s)");
            out.println();
            Table table = new Table("HOST", "STATE", "CPU PINNED/SHARED/FREE", "VCPU USED/CAP", "MEM USED/FREE GiB",
                    "HUGEPAGES USED/FREE", "HELD BY");
            for (JsonNode h : hosts) {
                JsonNode cpu = h.path("cpu");
                table.row(h.path("hostId").asText(), h.path("state").asText(),
                        cpu.path("pinnedCores").asInt() + "/" + cpu.path("sharedCoresUsed").asDouble() + "/"
                                + cpu.path("freeCores").asDouble(),
                        cpu.path("vcpuUsed").asLong() + "/" + cpu.path("vcpuCapacity").asLong(),
                        gib(h.path("memoryMib").path("used")) + "/" + gib(h.path("memoryMib").path("free")),
                        h.path("hugepages1Gi").path("used").asLong() + "/" + h.path("hugepages1Gi").path("free").asLong(),
                        h.path("heldByCluster").asText("-"));
            }
            table.print(out);
            out.println();
            Table numa = new Table("HOST", "NUMA", "CORES FREE/TOTAL", "MEM FREE GiB", "HUGEPAGES FREE/TOTAL", "VFS FREE");
            for (JsonNode h : hosts) {
                for (JsonNode n : h.path("numaNodes")) {
                    StringBuilder vfs = new StringBuilder();
                    n.path("vfsByPhysnet").fields().forEachRemaining(e -> vfs.append(vfs.length() == 0 ? "" : ",")
                            .append(e.getKey()).append('=').append(e.getValue().path("free").asLong()));
                    numa.row(h.path("hostId").asText(), n.path("index").asInt(),
                            n.path("cores").path("free").asLong() + "/" + n.path("cores").path("total").asLong(),
                            gib(n.path("memoryMib").path("free")),
                            n.path("hugepages1Gi").path("free").asLong() + "/" + n.path("hugepages1Gi").path("total").asLong(),
                            vfs.length() == 0 ? "-" : vfs);
                }
            }
            numa.print(out);
            return ExitCodes.OK;
        }

        private static long gib(JsonNode mib) {
            return mib.asLong() / 1024;
        }
    }
}
