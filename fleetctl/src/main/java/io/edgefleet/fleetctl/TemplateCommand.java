package io.edgefleet.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetctl template list|show}: the cluster templates {@code cluster create --template} may name. */
@Command(name = "template", mixinStandardHelpOptions = true,
        description = "Cluster templates: what cluster create --template NAME fills in (any flag given overrides it).",
        footer = {"", ExitCodes.HELP},
        subcommands = {TemplateCommand.ListTemplates.class, TemplateCommand.Show.class})
public class TemplateCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every template, by name.")
    static class ListTemplates implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode templates = global.client().get("/api/v1/templates");
            PrintWriter out = spec.commandLine().getOut();
            if (global.json()) {
                Printer.json(out, templates);
                return ExitCodes.OK;
            }
            Table table = new Table("TEMPLATE", "K8S", "CONTROL-PLANE", "WORKERS", "ORIGIN", "DESCRIPTION");
            for (JsonNode t : templates) {
                JsonNode s = t.path("spec");
                table.row(t.path("name").asText(), s.path("kubernetesVersion").asText("-"),
                        controlPlane(s.path("controlPlane")), workers(s.path("workers")), t.path("origin").asText(),
                        t.path("description").asText());
            }
            table.print(out);
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One template: every field it sets.")
    static class Show implements Callable<Integer> {
        @Mixin Global global;
        @Spec CommandSpec spec;
        @Parameters(index = "0", description = "Template name, e.g. ha.") String name;

        @Override
        public Integer call() {
            JsonNode t = global.client().get("/api/v1/templates/" + name);
            PrintWriter out = spec.commandLine().getOut();
            if (global.json()) {
                Printer.json(out, t);
                return ExitCodes.OK;
            }
            out.println("template:    " + t.path("name").asText());
            out.println("description: " + t.path("description").asText());
            out.println("origin:      " + t.path("origin").asText());
            out.println("sets (a create request may override any of it):");
            out.flush();
            Printer.json(out, t.path("spec"));
            return ExitCodes.OK;
        }
    }

    /** {@code 3 x 2 vCPU / 4096 MiB / 20 GiB}, or {@code -} when the template leaves the control plane out. */
    static String controlPlane(JsonNode cp) {
        if (cp.isMissingNode()) {
            return "-";
        }
        return cp.path("replicas").asText("?") + " x " + size(cp);
    }

    static String workers(JsonNode w) {
        if (w.isMissingNode()) {
            return "-";
        }
        String count = w.path("count").asText("?");
        return "BARE_METAL".equals(w.path("kind").asText()) ? count + " bare metal"
                : count + " x " + size(w);
    }

    private static String size(JsonNode n) {
        return n.path("vcpu").asText("?") + " vCPU / " + n.path("memoryMib").asText("?") + " MiB / "
                + n.path("diskGib").asText("?") + " GiB";
    }
}
