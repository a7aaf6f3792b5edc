package io.edgefleet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventJson;
import io.edgefleet.localstack.fleet.FleetStack;
import io.edgefleet.localstack.fleet.TokenCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One fleetctl command as an operator types it: the packaged fleetctl, run as its own process against the local
 * fleet's fleet-api with an admin token (role fleet-admin).
 *
 * @param exitCode fleetctl's exit code
 * @param output   what it printed (stdout and stderr)
 */
record FleetCtlRun(int exitCode, String output) {
    private static final Duration WITHIN = Duration.ofMinutes(3);

    static FleetCtlRun run(FleetStack fleet, String... args) throws Exception {
        Path repo = Path.of(System.getProperty("edgefleet.repo", "../..")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx128m", "-jar",
                repo.resolve("fleetctl/target/quarkus-app/quarkus-run.jar").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--api", "http://localhost:" + fleet.ports().api()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("FLEETCTL_TOKEN", TokenCommand.admin(repo, Duration.ofMinutes(10)));
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("fleetctl " + String.join(" ", args) + " still ran after " + WITHIN + ": " + output);
        }
        return new FleetCtlRun(p.exitValue(), output);
    }

    /** The last JSON object of the output ({@code -o json} prints the submission, then the state it waited for). */
    JsonNode lastJson() {
        for (int at = output.lastIndexOf('{'); at >= 0; at = output.lastIndexOf('{', at - 1)) {
            if (at > 0 && output.charAt(at - 1) != '\n') {
                continue; // a nested object: documents start a line
            }
            try {
                return EventJson.mapper().readTree(output.substring(at));
            } catch (Exception notFromHere) {
                // an object that does not run to the end: look further back
            }
        }
        throw new AssertionError("no JSON document ends fleetctl's output: " + output);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
