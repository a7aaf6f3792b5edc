package io.edgefleet.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetctl team quota set|get}: a team's fleet-wide limits and what it uses of them. */
@Command(name = "team", mixinStandardHelpOptions = true, description = "Teams: fleet-wide quotas.",
        footer = {"", ExitCodes.HELP}, subcommands = {TeamCommand.Quota.class})
public class TeamCommand {

    @Command(name = "quota", mixinStandardHelpOptions = true,
            description = "A team's fleet-wide limits (vCPU and memory of its microVMs, pinned cores, clusters).",
            subcommands = {TeamCommand.Set.class, TeamCommand.Get.class})
    static class Quota {
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set a team's limits (fleet-admin token), replacing the old ones: a limit left out is"
                    + " unlimited. A limit below what the team holds is accepted; the team can then shrink, not grow."})
    static class Set implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "Team.") String team;
        @Option(names = "--vcpu", paramLabel = "N", description = "vCPUs of the team's microVMs.") Long vcpu;
        @Option(names = "--memory-mib", paramLabel = "N", description = "Memory of those microVMs, MiB.") Long memoryMib;
        @Option(names = "--pinned-cores", paramLabel = "N", description = "Cores pinned to its network functions.")
        Long pinnedCores;
        @Option(names = "--clusters", paramLabel = "N", description = "Live clusters.") Integer clusters;

        @Override
        public Integer call() {
            ObjectNode body = ApiClient.JSON.createObjectNode();
            limit(body, "vcpu", vcpu, "--vcpu");
            limit(body, "memoryMib", memoryMib, "--memory-mib");
            limit(body, "pinnedCores", pinnedCores, "--pinned-cores");
            limit(body, "clusters", clusters == null ? null : clusters.longValue(), "--clusters");
            JsonNode accepted = global.client().put(path(team), body.toString());
            return Submitted.print(spec, global, accepted, "requested quota of team " + team + " ("
                    + describe(body) + ")");
        }

        private static void limit(ObjectNode body, String field, Long value, String option) {
            if (value == null) {
                return;
            }
            if (value < 0) {
                throw new FleetCtlException(ExitCodes.USAGE, option + " must be 0 or more, not " + value);
            }
            body.put(field, value);
        }

        private static String describe(ObjectNode body) {
            if (body.isEmpty()) {
                return "no limits";
            }
            StringBuilder s = new StringBuilder();
            body.fields().forEachRemaining(e -> s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                    .append(e.getValue().asLong()));
            return s.toString();
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"What a team uses across the fleet (as fleet-api's read side sees it), and the limits"
                    + " placement holds for it."})
    static class Get implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "Team.") String team;

        @Override
        public Integer call() {
            JsonNode quota = global.client().get(path(team));
            PrintWriter out = spec.commandLine().getOut();
            if (global.json()) {
                Printer.json(out, quota);
                return ExitCodes.OK;
            }
            JsonNode usage = quota.path("usage");
            JsonNode last = quota.path("lastSet");
            JsonNode limits = last.path("limits");
            Table table = new Table("RESOURCE", "USED", "LIMIT");
            table.row("vcpu", usage.path("vcpu").asLong(), limit(last, limits.path("vcpu")));
            table.row("memory-mib", usage.path("memoryMib").asLong(), limit(last, limits.path("memoryMib")));
            table.row("pinned-cores", usage.path("pinnedCores").asLong(), limit(last, limits.path("pinnedCores")));
            table.row("clusters", usage.path("clusters").asLong(), limit(last, limits.path("clusters")));
            out.println("team " + team);
            table.print(out);
            if (last.isObject()) {
                out.println("limits held by placement since " + last.path("changedAt").asText() + ", set by request "
                        + last.path("requestId").asText());
            } else {
                out.println("placement holds no limits for team " + team + ": none is limited");
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static String limit(JsonNode last, JsonNode value) {
            if (!last.isObject()) {
                return "?";
            }
            return value.isNumber() ? value.asText() : "none";
        }
    }

    private static String path(String team) {
        return "/api/v1/teams/" + URLEncoder.encode(team, StandardCharsets.UTF_8).replace("+", "%20") + "/quota";
    }
}
