package io.edgefleet.localstack.fleet;

import io.edgefleet.localstack.FreePorts;
import io.edgefleet.localstack.KafkaAccess;
import io.edgefleet.localstack.KafkaSecurity;
import io.edgefleet.localstack.LocalStack;
import io.edgefleet.localstack.PostgresServer;
import io.edgefleet.localstack.StackProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole fleet manager on one machine: Kafka, PostgreSQL, the placement service, one site agent
 * per simulated site (simulated microVM driver, or real QEMU guests on this machine), and fleet-api.
 * Used by {@code deploy/local/fleet} and by the end-to-end test, so both exercise the same start-up path.
 */
public final class FleetStack {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path repo;
    private final Path runDir;
    private final FleetPorts ports;
    private final PrintStream out;
    private final KafkaSecurity kafkaSecurity;
    private KafkaAccess kafka;
    private String gitopsRepository;

    /** A fleet whose broker and clients use SASL_SSL, as in production (the Helm chart's default). */
    public FleetStack(Path repo, Path runDir, FleetPorts ports, PrintStream out) {
        this(repo, runDir, ports, out, KafkaSecurity.SASL_SSL);
    }

    public FleetStack(Path repo, Path runDir, FleetPorts ports, PrintStream out, KafkaSecurity kafkaSecurity) {
        this.repo = repo.toAbsolutePath().normalize();
        this.runDir = runDir.toAbsolutePath().normalize();
        this.ports = ports;
        this.out = out;
        this.kafkaSecurity = kafkaSecurity;
    }

    /**
     * fleet-api's GitOps intake watches this repository's {@code main} branch (a path or URL JGit can fetch; ADR
     * 0033), polling every 2 s so that a commit shows quickly here. Unset: no GitOps intake.
     */
    public FleetStack withGitOps(String repository) {
        this.gitopsRepository = repository;
        return this;
    }

    /** Starts everything with simulated microVMs and waits until every site has reported to placement. */
    public FleetState up(int sites, boolean detached) throws IOException {
        return up(sites, detached, false);
    }

    /**
     * Starts everything and waits until every site has reported to placement.
     *
     * @param realGuests each agent runs its microVMs as real QEMU guests on this machine ({@link QemuFleet})
     */
    public FleetState up(int sites, boolean detached, boolean realGuests) throws IOException {
        Optional<FleetState> previous = FleetState.read(runDir);
        if (previous.isPresent() && previous.get().processes().stream().anyMatch(StackProcess::isAlive)) {
            throw new IllegalStateException("a local fleet already runs from " + runDir
                    + " (see `fleet status`); stop it with `fleet down` first");
        }
        checkPortsFree(sites);
        List<StackProcess> started = new ArrayList<>();
        QemuFleet qemu = realGuests ? new QemuFleet(repo, runDir, out) : null;
        try {
            if (qemu != null) {
                new FleetCleanup(runDir, out).run(); // what a crashed earlier run left
                qemu.prepare(sites);
            }
            out.println("starting Kafka (" + kafkaSecurity + ") on :" + ports.kafka() + " and PostgreSQL on :"
                    + ports.postgres() + " ...");
            LocalStack stack = new LocalStack(runDir, ports.kafka(), ports.postgres(), kafkaSecurity).start(detached);
            started.add(stack.kafkaProcess());
            started.add(new StackProcess("postgres", stack.postgresPid(), runDir.resolve("postgres/postgres.log")));
            kafka = stack.kafkaAccess();
            KafkaClientFiles.write(runDir, kafka);

            Path planSigningKey = runDir.resolve("secrets/plan-signing.key");
            Map<String, String> placementConfig = new LinkedHashMap<>(kafka.serviceProperties());
            placementConfig.put("quarkus.datasource.jdbc.url", stack.postgres().jdbcUrl());
            placementConfig.put("quarkus.datasource.username", PostgresServer.USER);
            placementConfig.putAll(ClusterSecretKeys.placementConfig(runDir)); // placement issues cluster secrets
            // Plans signed (ADR 0027): placement makes its key on the first start, the agents trust its .pub.
            placementConfig.put("edgefleet.placement.plan-signing.key-file", planSigningKey.toString());
            placementConfig.put("edgefleet.placement.plan-signing.create-if-missing", "true");
            // Every agent here signs its time and sequence: a report without them is refused.
            placementConfig.put("edgefleet.placement.reports.require-freshness", "true");
            StackProcess placement = startService("placement", "placement", ports.placement(), detached, "-Xmx384m",
                    placementConfig, kafka.secretEnvironment(KafkaAccess.PLACEMENT));
            started.add(placement);
            awaitReady(placement, ports.placement());

            // Every site's key enrolled before its agent starts: placement drops reports it cannot verify.
            Map<String, String> publicKeys = new LinkedHashMap<>();
            for (int i = 1; i <= sites; i++) {
                String siteId = SiteInventories.siteId(i);
                publicKeys.put(siteId, SiteIdentities.publicKeyPem(SiteIdentities.keyFile(runDir, siteId)));
            }
            SiteIdentities.enroll(kafka, publicKeys, READY_TIMEOUT);
            out.println("enrolled the public keys of " + sites + " site(s) (keys in " + runDir.resolve("sites") + ")");

            for (int i = 1; i <= sites; i++) {
                String siteId = SiteInventories.siteId(i);
                // Every site has a management network, simulated ones too: placement then plans each microVM's
                // address and each cluster's API VIP, so kubeconfigs name a server (the same subnets as real guests).
                // Real guests use this machine's cores: none may be reserved beyond what it has.
                Path inventory = SiteInventories.write(runDir.resolve("sites"), siteId, QemuFleet.networkJson(i),
                        qemu == null ? 4 : 0);
                Map<String, String> config = new LinkedHashMap<>(kafka.serviceProperties());
                config.put("edgefleet.agent.site-id", siteId);
                config.put("edgefleet.agent.inventory-file", inventory.toString());
                config.put("edgefleet.agent.identity.key-file", SiteIdentities.keyFile(runDir, siteId).toString());
                config.put("edgefleet.agent.plan-signing.public-keys", planSigningKey + ".pub");
                if (qemu == null) {
                    config.put("edgefleet.agent.simulated-state-file", runDir.resolve("sites/" + siteId + ".vms.json").toString());
                } else {
                    qemu.prepareCgroups(siteId, SiteInventories.hostIds(siteId));
                    config.putAll(qemu.agentConfig(siteId));
                }
                started.add(startService("agent-" + siteId, "site-agent", ports.agent(i), detached,
                        "-Xmx64m", config, kafka.secretEnvironment(KafkaAccess.SITE_AGENT)));
            }
            Map<String, String> apiConfig = new LinkedHashMap<>(kafka.serviceProperties());
            apiConfig.put("mp.jwt.verify.publickey.location", repo.resolve("deploy/local/dev-keys/publicKey.pem").toString());
            apiConfig.putAll(ClusterSecretKeys.fleetApiConfig(runDir)); // opens clusters' secrets for kubeconfigs
            if (gitopsRepository != null) {
                apiConfig.put("fleet.gitops.repository", gitopsRepository);
                apiConfig.put("fleet.gitops.interval", "2s");
                apiConfig.put("fleet.gitops.work-dir", runDir.resolve("gitops-work").toString());
            }
            StackProcess api = startService("fleet-api", "fleet-api", ports.api(), detached, "-Xmx256m", apiConfig,
                    kafka.secretEnvironment(KafkaAccess.FLEET_API));
            started.add(api);
            FleetState state = new FleetState(runDir, ports, sites, started);
            state.write();
            for (int i = 1; i <= sites; i++) {
                awaitReady(started.get(2 + i), ports.agent(i));
            }
            awaitReady(api, ports.api());
            awaitSitesKnown(sites);
            return state;
        } catch (IOException | RuntimeException e) {
            out.println("start-up failed: " + e.getMessage() + "; stopping what was started");
            stop(new FleetState(runDir, ports, sites, started));
            if (qemu != null) {
                new FleetCleanup(runDir, out).run();
            }
            throw e;
        }
    }

    /**
     * Stops every process of the fleet in {@code runDir}: services first, then Kafka, then PostgreSQL;
     * then removes every real guest by the names the fleet gave it (also when no fleet is recorded, since
     * a crashed run leaves guests behind).
     *
     * @return whether a fleet was recorded
     */
    public boolean down() throws IOException {
        Optional<FleetState> state = FleetState.read(runDir);
        state.ifPresent(this::stop);
        new FleetCleanup(runDir, out).run();
        if (state.isEmpty()) {
            return false;
        }
        state.get().delete();
        return true;
    }

    private void stop(FleetState state) {
        // Services first, all at once (each takes a few seconds to drain), then the broker, then the database.
        List<StackProcess> services = state.processes().stream()
                .filter(p -> !"kafka".equals(p.name()) && !"postgres".equals(p.name())).toList();
        services.parallelStream().filter(this::isOurs).forEach(p -> p.stop(Duration.ofSeconds(20)));
        state.processes().stream().filter(p -> "kafka".equals(p.name())).filter(this::isOurs)
                .forEach(p -> p.stop(Duration.ofSeconds(30)));
        state.processes().stream().filter(p -> "postgres".equals(p.name())).forEach(p -> stopPostgres(state, p));
    }

    private void stopPostgres(FleetState state, StackProcess p) {
        try {
            new PostgresServer(state.runDir().resolve("postgres"), state.ports().postgres()).stop();
        } catch (IOException | RuntimeException e) {
            out.println("pg_ctl stop failed (" + e.getMessage() + "); killing PID " + p.pid());
            p.stop(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A PID from the state file is ours only if its command line carries our run directory. */
    private boolean isOurs(StackProcess p) {
        return p.isAlive() && p.commandLine().map(c -> c.contains("-Dedgefleet.stack=" + runDir)).orElse(false);
    }

    /** A service with {@code config} as -D properties and {@code secrets} in its environment only (not in ps). */
    private StackProcess startService(String name, String module, int port, boolean detached, String heap,
                                      Map<String, String> config, Map<String, String> secrets) throws IOException {
        Path jar = repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -B -ntp install -DskipTests)");
        }
        List<String> command = new ArrayList<>(List.of(javaBin(), heap, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dedgefleet.stack=" + runDir, "-Dquarkus.http.port=" + port,
                // Logs for people reading logs/*.log; production logs JSON lines (application.properties).
                "-Dquarkus.log.console.json.enabled=false"));
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        StackProcess process = StackProcess.start(name, command, secrets, repo, runDir.resolve("logs/" + name + ".log"),
                detached);
        out.println("started " + process);
        return process;
    }

    private void awaitReady(StackProcess process, int port) {
        Http.await200("http://localhost:" + port + "/q/health/ready", READY_TIMEOUT, process.name(), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited during start-up; see " + process.log());
            }
        });
    }

    private void awaitSitesKnown(int sites) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = Http.get("http://localhost:" + ports.placement() + "/api/v1/sites");
            if (r != null && r.statusCode() == 200 && countSites(r.body()) >= sites) {
                return;
            }
            Http.sleep(250);
        }
        throw new IllegalStateException("not every site reported to placement within " + READY_TIMEOUT.toSeconds()
                + " s; see the agent logs in " + runDir.resolve("logs"));
    }

    private static int countSites(String json) {
        int n = 0;
        for (int i = json.indexOf("\"siteId\""); i >= 0; i = json.indexOf("\"siteId\"", i + 1)) {
            n++;
        }
        return n;
    }

    private void checkPortsFree(int sites) {
        List<String> busy = new ArrayList<>();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("--kafka-port", ports.kafka());
        wanted.put("--postgres-port", ports.postgres());
        wanted.put("--api-port", ports.api());
        wanted.put("--placement-port", ports.placement());
        for (int i = 1; i <= sites; i++) {
            wanted.put("--agent-base-port (site " + i + ")", ports.agent(i));
        }
        wanted.forEach((option, port) -> {
            if (FreePorts.isOpen(port)) {
                busy.add(port + " (" + option + ")");
            }
        });
        if (!busy.isEmpty()) {
            throw new IllegalStateException("ports already in use: " + String.join(", ", busy)
                    + "; stop what uses them or choose other ports with the options named");
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** How a client reaches the fleet's broker; known once {@link #up} started it. */
    public KafkaAccess kafka() {
        if (kafka == null) {
            throw new IllegalStateException("the fleet's broker has not been started");
        }
        return kafka;
    }

    public Path runDir() {
        return runDir;
    }

    public FleetPorts ports() {
        return ports;
    }
}
