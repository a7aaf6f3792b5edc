package io.edgefleet.localstack.fleet;

import io.edgefleet.localstack.KafkaSecurity;
import io.edgefleet.localstack.StackProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deploy/local/fleet up|down|status}: the whole fleet manager on this machine.
 * Exit codes: 0 ok, 1 failed (the message says why), 2 bad usage.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Runs the whole fleet manager locally: Kafka, PostgreSQL, placement, site agents, fleet-api.",
        subcommands = {FleetCommand.Up.class, FleetCommand.Down.class, FleetCommand.Status.class, TokenCommand.class})
public final class FleetCommand {

    /** Where the repo and the run directory are; set by the wrapper script. */
    static Path repo() {
        return Path.of(System.getProperty("edgefleet.repo", "."));
    }

    static Path runDir() {
        return Path.of(System.getProperty("edgefleet.run", repo().resolve("deploy/local/run").toString()));
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = "Starts everything and submits a demo cluster (foreground unless -d).")
    static final class Up implements Callable<Integer> {
        @Option(names = "--sites", defaultValue = "3", description = "Simulated sites, one agent each (default ${DEFAULT-VALUE}).")
        int sites;
        @Option(names = "--driver", defaultValue = "simulated",
                description = "simulated (default) or qemu: every planned microVM is a real QEMU guest on this machine "
                        + "(one tap each in network namespace " + QemuFleet.NETNS + ", guest memory capped at "
                        + QemuFleet.GUEST_MEMORY_CAP_MIB + " MiB, TCG unless EDGEFLEET_QEMU_ACCEL=kvm; needs root); "
                        + "the demo is then one control plane and one worker on each of the first two sites.")
        String driver;
        @Option(names = "-d", description = "Run in the background; stop with `fleet down`.")
        boolean detached;
        @Option(names = "--no-demo", negatable = true, defaultValue = "true",
                description = "Submit the demo cluster demo-1 on edge-par-01 (default on).")
        boolean demo;
        @Option(names = "--kafka-security", defaultValue = "sasl_ssl",
                description = "sasl_ssl (default: TLS with the fleet's own CA and SCRAM-SHA-512 users, as in production; "
                        + "client settings in <run>/kafka/client.properties and kcat.conf) or plaintext.")
        String kafkaSecurity;
        @Option(names = "--gitops", paramLabel = "REPO",
                description = "fleet-api's GitOps intake watches this Git repository's main branch (a path or URL; one "
                        + "cluster or network-function spec per YAML file; docs/operate.md), polling every 2 s.")
        String gitops;
        @Option(names = "--kafka-port", defaultValue = "9092") int kafkaPort;
        @Option(names = "--postgres-port", defaultValue = "15432") int postgresPort;
        @Option(names = "--api-port", defaultValue = "8080") int apiPort;
        @Option(names = "--placement-port", defaultValue = "8081") int placementPort;
        @Option(names = "--agent-base-port", defaultValue = "8090",
                description = "Site i's agent listens on this + i (default ${DEFAULT-VALUE}).")
        int agentBasePort;

        @Override
        public Integer call() throws Exception {
            if (sites < 1 || sites > 50) {
                System.err.println("--sites must be between 1 and 50 (one agent JVM each)");
                return 2;
            }
            if (!driver.equals("simulated") && !driver.equals("qemu")) {
                System.err.println("--driver must be simulated or qemu, got '" + driver + "'");
                return 2;
            }
            KafkaSecurity security;
            try {
                security = KafkaSecurity.parse(kafkaSecurity);
            } catch (IllegalArgumentException e) {
                System.err.println("--kafka-security: " + e.getMessage());
                return 2;
            }
            boolean realGuests = driver.equals("qemu");
            FleetPorts ports = new FleetPorts(kafkaPort, postgresPort, apiPort, placementPort, agentBasePort);
            FleetStack stack = new FleetStack(repo(), runDir(), ports, System.out, security).withGitOps(gitops);
            FleetState state = stack.up(sites, detached, realGuests);
            if (demo && realGuests) {
                for (String body : DemoCluster.realGuestBodies(sites)) {
                    DemoCluster.submit(ports, System.out, body);
                }
                System.out.println("the demo's guests get " + QemuFleet.GUEST_MEMORY_CAP_MIB
                        + " MiB each instead of the planned 4096/8192 MiB; `deploy/local/fleet status` lists them");
            } else if (demo) {
                DemoCluster.submit(ports, System.out);
            }
            Banner.print(state, stack.kafka(), System.out);
            if (detached) {
                System.out.println("\nRunning in the background. Stop it with: deploy/local/fleet down");
                return 0;
            }
            System.out.println("\nPress Ctrl-C to stop everything.");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("\nstopping the local fleet ...");
                try {
                    stack.down();
                } catch (Exception e) {
                    System.err.println("stopping failed: " + e.getMessage());
                }
                stopped.countDown();
            }));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stops every process of the local fleet (its data is kept for the next `up` unless --purge).")
    static final class Down implements Callable<Integer> {
        @Option(names = "--purge", description = "Also delete the run directory: Kafka's and PostgreSQL's data, "
                + "site keys, logs. The next `up` starts from an empty fleet.")
        boolean purge;

        @Override
        public Integer call() throws Exception {
            FleetStack stack = new FleetStack(repo(), runDir(), FleetPorts.defaults(), System.out);
            if (!stack.down()) {
                System.out.println("no local fleet is recorded in " + runDir() + "; no process to stop");
            } else {
                System.out.println("local fleet stopped");
            }
            if (purge && java.nio.file.Files.exists(runDir())) {
                try (var paths = java.nio.file.Files.walk(runDir())) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.delete(p);
                    }
                }
                System.out.println("deleted " + runDir() + " (the fleet's data)");
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows each process of the local fleet and its health.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Optional<FleetState> state = FleetState.read(runDir());
            if (state.isEmpty()) {
                System.out.println("no local fleet runs (nothing recorded in " + runDir() + ")");
                return 1;
            }
            boolean allUp = true;
            for (StackProcess p : state.get().processes()) {
                boolean alive = p.isAlive();
                allUp &= alive;
                System.out.printf("%-16s pid %-8d %-5s log %s%n", p.name(), p.pid(), alive ? "up" : "DOWN", p.log());
            }
            String token = TokenCommand.admin(repo(), java.time.Duration.ofMinutes(5));
            HttpResponse<String> clusters = Http.get("http://localhost:" + state.get().ports().api() + "/api/v1/clusters",
                    token);
            System.out.println("clusters: " + (clusters == null ? "fleet-api does not answer" : clusters.body()));
            Path guests = runDir().resolve("qemu");
            if (java.nio.file.Files.isDirectory(guests)) {
                allUp &= QemuGuests.print(guests, System.out);
            }
            return allUp ? 0 : 1;
        }
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new FleetCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("fleet: " + e.getMessage());
            return 1;
        });
        int code = cli.execute(args);
        if (code != 0 || args.length == 0 || !"up".equals(args[0]) || java.util.Arrays.asList(args).contains("-d")) {
            System.exit(code);
        }
    }
}
