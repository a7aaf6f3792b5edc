package io.edgefleet.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fleetctl site consolidate SITE [--dry-run] [--plan ID] [--max-moves N] [--wait]} and
 * {@code --cancel}: an operator's consolidation of a site (fleet-admin token). A dry run waits for its plan
 * and prints the moves and the hosts they would free; an apply prints where it stands, or with
 * {@code --wait} follows it until DONE (exit 0), CANCELLED (0) or FAILED (1).
 */
@Command(name = "consolidate", mixinStandardHelpOptions = true,
        description = {"Repack a site so that whole hosts become empty (fleet-admin token): microVMs move make before"
                + " break, a few at a time.",
                "--dry-run lists the moves and the hosts they free, changing nothing; --plan ID applies that dry"
                + " run's moves (refused if the site changed since); without either a fresh plan is applied.",
                "--cancel stops the moves not started; those under way complete."},
        footer = {"", ExitCodes.HELP})
class SiteConsolidateCommand implements Callable<Integer> {
    private static final long POLL_MILLIS = 500;
    private static final Set<String> ENDED = Set.of("DONE", "CANCELLED", "FAILED");

    @Mixin Global global;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "Site id.") String site;
    @Option(names = "--dry-run", description = "Plan only: list the moves and the hosts they free.") boolean dryRun;
    @Option(names = "--plan", paramLabel = "ID", description = "Apply the moves of this dry run (its request id).")
    String planId;
    @Option(names = "--max-moves", paramLabel = "N", description = "At most N moves (1-1000; placement's default 16).")
    Integer maxMoves;
    @Option(names = "--cancel", description = "Cancel the site's consolidation under way.") boolean cancel;
    @Option(names = "--wait", description = "Follow an apply or a cancel until it ends.") boolean await;
    @Option(names = "--timeout", defaultValue = "3600", description = "Seconds to wait (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        if (cancel && (dryRun || planId != null || maxMoves != null)) {
            throw new FleetCtlException(ExitCodes.USAGE, "--cancel takes no --dry-run, --plan or --max-moves");
        }
        if (dryRun && planId != null) {
            throw new FleetCtlException(ExitCodes.USAGE, "--plan applies a dry run; it cannot be one (drop --dry-run)");
        }
        ApiClient api = global.client();
        String path = "/api/v1/sites/" + site + "/consolidation";
        JsonNode accepted;
        if (cancel) {
            accepted = api.delete(path);
        } else {
            ObjectNode body = ApiClient.JSON.createObjectNode().put("dryRun", dryRun);
            if (planId != null) {
                body.put("planId", planId);
            }
            if (maxMoves != null) {
                body.put("maxMoves", maxMoves);
            }
            accepted = api.post(path, body.toString());
        }
        String requestId = accepted.path("requestId").asText();
        Submitted.print(spec, global, accepted, (cancel ? "requested cancel of" : dryRun ? "requested a dry run of"
                : "requested") + " the consolidation of site " + site);
        if (!(dryRun || await)) {
            return ExitCodes.OK;
        }
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        JsonNode outcome = poll(api, accepted.path("location").asText(), deadline);
        if (outcome == null) {
            return timedOut();
        }
        if ("REJECTED".equals(outcome.path("status").asText())) {
            spec.commandLine().getOut().println("REJECTED " + outcome.path("code").asText() + ": "
                    + outcome.path("message").asText());
            return ExitCodes.FAILED;
        }
        // The consolidation's id: a dry run's own request, the applied plan, or a fresh apply's request.
        String id = planId != null ? planId : requestId;
        while (System.nanoTime() < deadline) {
            JsonNode state = optional(api, path);
            if (state != null && (cancel || id.equals(state.path("requestId").asText()))
                    && ended(state.path("state").asText())) {
                print(state);
                return "FAILED".equals(state.path("state").asText()) ? ExitCodes.FAILED : ExitCodes.OK;
            }
            sleep();
        }
        return timedOut();
    }

    /** Whether the wait is over: a dry run's plan, or an applied or cancelled consolidation's end. */
    private boolean ended(String state) {
        return dryRun ? "PLANNED".equals(state) : cancel ? "CANCELLED".equals(state) : ENDED.contains(state);
    }

    private void print(JsonNode c) {
        PrintWriter out = spec.commandLine().getOut();
        if (global.json()) {
            Printer.json(out, c);
            return;
        }
        out.println("consolidation " + c.path("requestId").asText() + " of site " + c.path("siteId").asText() + ": "
                + c.path("state").asText() + (c.hasNonNull("reason") ? " (" + c.path("reason").asText() + ")" : ""));
        Table moves = new Table("HOLDER", "OWNER", "FROM", "TO", "DONE");
        for (JsonNode m : c.path("moves")) {
            moves.row(m.path("holderId").asText(), m.path("ownerId").asText(), m.path("fromHostId").asText(),
                    m.path("toHostId").asText(), m.path("done").asBoolean() ? "yes" : "no");
        }
        moves.print(out);
        out.println("hosts to free: " + list(c.path("hostsToFree")) + " (hosts in use "
                + c.path("hostsInUseBefore").asInt() + " -> " + c.path("hostsInUseAfter").asInt() + ")");
        out.println("hosts freed: " + list(c.path("hostsFreed")));
        if ("PLANNED".equals(c.path("state").asText())) {
            out.println("apply it: fleetctl site consolidate " + c.path("siteId").asText() + " --plan "
                    + c.path("requestId").asText() + " --wait");
        }
    }

    private static String list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    private static JsonNode poll(ApiClient api, String location, long deadline) {
        while (System.nanoTime() < deadline) {
            JsonNode outcome = optional(api, location);
            if (outcome != null && !"PENDING".equals(outcome.path("status").asText())) {
                return outcome;
            }
            sleep();
        }
        return null;
    }

    private static JsonNode optional(ApiClient api, String path) {
        try {
            return api.get(path);
        } catch (FleetCtlException e) {
            if (e.exitCode() == ExitCodes.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private int timedOut() {
        spec.commandLine().getErr().println("timed out after " + timeoutSeconds + " s waiting for the consolidation of site "
                + site);
        return ExitCodes.TIMEOUT;
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
