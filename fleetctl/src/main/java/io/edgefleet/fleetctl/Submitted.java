package io.edgefleet.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** Prints a 202 answer: the request id and where its outcome appears. */
final class Submitted {
    private Submitted() {
    }

    static int print(CommandSpec spec, Global global, JsonNode accepted, String what) {
        PrintWriter out = spec.commandLine().getOut();
        if (global.json()) {
            Printer.json(out, accepted);
        } else {
            out.println(what + ": request " + accepted.path("requestId").asText() + " (outcome: "
                    + accepted.path("location").asText() + ")");
            out.flush();
        }
        return ExitCodes.OK;
    }
}
