package io.edgefleet.fleetctl;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** Turns a {@link FleetCtlException} into its message on stderr and its exit code; never a stack trace. */
@ApplicationScoped
public class ErrorHandler {
    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        CommandLine cli = factory.create();
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof FleetCtlException f) {
                cmd.getErr().println("fleetctl: " + f.getMessage());
                cmd.getErr().flush();
                return f.exitCode();
            }
            cmd.getErr().println("fleetctl: unexpected error: " + e);
            cmd.getErr().flush();
            return ExitCodes.FAILED;
        });
        return cli;
    }
}
