package io.edgefleet.fleetctl;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fleetctl cluster kubeconfig NAME}: the cluster's admin kubeconfig from fleet-api, printed to stdout as
 * fleet-api sent it (YAML), so {@code > file} gives a file kubectl reads. It holds a private key: fleetctl
 * never writes it anywhere itself.
 */
@Command(name = "kubeconfig", mixinStandardHelpOptions = true,
        description = {"Print a kubeconfig for the cluster (owning team or fleet-admin): its API endpoint, its CA and"
                + " a new client certificate in kubeadm:cluster-admins, valid a few hours (fleet-api's setting).",
                "It holds a private key: umask 077; fleetctl cluster kubeconfig NAME > kubeconfig"},
        footer = {"", ExitCodes.HELP})
class ClusterKubeconfigCommand implements Callable<Integer> {
    static final String ACCEPT = "application/yaml, application/problem+json";

    @Mixin Global global;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "Cluster id.") String id;

    @Override
    public Integer call() {
        String yaml = global.client().getText("/api/v1/clusters/" + id + "/kubeconfig", ACCEPT);
        PrintWriter out = spec.commandLine().getOut();
        out.print(yaml);
        out.flush();
        return ExitCodes.OK;
    }
}
