package io.edgefleet.fleetctl;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fleetctl}: clusters, network functions, sites and team quotas of the edge fleet, through fleet-api. */
@TopCommand
@Command(name = "fleetctl", mixinStandardHelpOptions = true, version = "fleetctl 0.1.0",
        description = "Manage clusters and network functions on edge sites through fleet-api.",
        footer = {"", "Token: --token or FLEETCTL_TOKEN. API: --api or FLEET_API (default http://localhost:8080).",
                ExitCodes.HELP},
        subcommands = {ClusterCommand.class, NetworkFunctionCommand.class, SiteCommand.class, TemplateCommand.class,
                TeamCommand.class, CommandLine.HelpCommand.class})
public class FleetCtl {
}
