package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.AgentConfig;
import io.edgefleet.agent.bootstrap.KubeadmNodeBootstraps;
import io.edgefleet.agent.cluster.ClusterAccess;
import io.edgefleet.agent.cluster.ClusterEtcd;
import io.edgefleet.agent.cluster.NfNetworks;
import io.edgefleet.agent.cluster.NfImages;
import io.edgefleet.agent.cluster.NfPods;
import io.edgefleet.agent.cluster.PhysnetAddressing;
import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.driver.host.ProcessHostCommand;
import io.edgefleet.agent.inventory.AgentInventory;
import io.edgefleet.agent.inventory.discovery.HostDiscovery;
import io.edgefleet.agent.nodeconfig.KubeletDropIn;
import io.edgefleet.agent.nodeconfig.NodeConfigWriter;
import io.edgefleet.agent.nodeconfig.NodeConfigurator;
import io.edgefleet.agent.nodeconfig.NodeServiceCommands;
import io.edgefleet.agent.nodeconfig.SriovDevicePluginConfig;
import io.edgefleet.agent.inventory.Host;
import io.edgefleet.agent.inventory.SiteInventory;
import io.edgefleet.agent.report.Reporter;
import io.edgefleet.agent.secrets.SecretsFeed;
import io.edgefleet.servicekit.LoopPulse;
import io.edgefleet.events.plan.SitePlan;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Converges the site to the newest plan: on every new plan and on a timer (drift repair).
 * One run at a time; a plan arriving mid-run triggers one more run, never a queue of stale ones.
 * Reconciling reads the driver and the clusters (what runs), never a record of what we hoped runs.
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    @Inject
    AgentConfig config;
    @Inject
    MicroVmDriver driver;
    @Inject
    ClusterAccess clusters;
    @Inject
    ClusterEtcd etcd;
    @Inject
    Reporter reporter;
    @Inject
    MeterRegistry meters;
    @Inject
    SiteInventory inventory;
    @Inject
    SecretsFeed secrets;

    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong runs = new AtomicLong();
    private volatile SitePlan desired;
    private volatile long convergedVersion = -1;
    private Convergence convergence;
    private ExecutorService runner;
    private ExecutorService creator;
    private ScheduledExecutorService timer;
    /** A run may boot guests and restart the kubelet (minutes); one stuck far longer is a hung reconciler. */
    private final LoopPulse pulse = new LoopPulse("reconcile", Duration.ofMinutes(15));

    /** The system's reserved cores of each host, which microVMs must stay off as well as pinned cores. */
    private static Map<String, Integer> reservedCores(SiteInventory inventory) {
        return inventory.hosts().stream().collect(Collectors.toMap(Host::id, h -> h.reserved().cores()));
    }

    void start(@Observes StartupEvent event) {
        NfPods pods = new NfPods(config.cluster().nfNamespace(),
                new NfImages(config.cluster().nfImage(), config.cluster().nfImages()),
                config.cluster().sriovResourcePrefix());
        // A host-id that is not in the inventory stops the start here, with the site's hosts in the message.
        HostScope scope = config.hostId().map(h -> HostScope.host(h, inventory, config.inventoryFile()))
                .orElse(HostScope.wholeSite());
        convergence = new Convergence(config.siteId(), scope, new Target(driver, clusters, etcd),
                new ReconcilePlanner(config.kernelImage(), config.rootfsImage(), pods, nfNetworks(pods),
                        reservedCores(inventory), bootstraps(), nodeConfigurator(pods)), reporter);
        creator = Executors.newFixedThreadPool(Math.max(1, config.parallelCreates()), daemon("create"));
        convergence.createsOn(creator);
        inventory.hosts().forEach(h -> LOG.infof("host %s: %s", h.id(), driver.isolation(h.id())));
        runner = Executors.newSingleThreadExecutor(daemon("reconcile"));
        timer = Executors.newSingleThreadScheduledExecutor(daemon("drift-timer"));
        long every = config.reconcileInterval().toMillis();
        pulse.started(null);
        timer.scheduleWithFixedDelay(this::trigger, every, every, TimeUnit.MILLISECONDS);
        Gauge.builder("fleet_agent_plan_version", this, r -> r.desired == null ? -1 : r.desired.version())
                .description("Version of the newest plan received for this site (-1: none yet)").register(meters);
        Gauge.builder("fleet_agent_converged_plan_version", this, r -> r.convergedVersion)
                .description("Newest plan version whose microVMs were all measured RUNNING").register(meters);
    }

    /** The network attachments of network-function pods, with each configured physnet's VLAN and addresses. */
    private NfNetworks nfNetworks(NfPods pods) {
        Map<String, PhysnetAddressing> physnets = config.cluster().physnets().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> PhysnetAddressing.of(e.getValue().vlan(),
                        e.getValue().subnet(), e.getValue().rangeStart(), e.getValue().rangeEnd(), e.getValue().gateway())));
        return new NfNetworks(pods, physnets);
    }

    /** This host's kubelet and device-plugin configuration (AgentConfig.NodeConfig), or null when off. */
    private NodeConfigurator nodeConfigurator(NfPods pods) {
        AgentConfig.NodeConfig settings = config.nodeConfig();
        if (!settings.enabled()) {
            return null;
        }
        String hostId = config.hostId().orElseThrow(() -> new IllegalStateException("edgefleet.agent.node-config.enabled=true"
                + " needs edgefleet.agent.host-id: only a host's own agent may configure the kubelet it runs beside"));
        HostDiscovery discovery = new HostDiscovery(Path.of(config.inventory().sysRoot()), Path.of(config.inventory().procRoot()));
        NodeServiceCommands services = new NodeServiceCommands(settings.daemonReloadCommand(),
                settings.kubeletStopCommand(), settings.kubeletStartCommand(), settings.devicePluginRestartCommand());
        LOG.infof("host %s: node configuration on (files below %s); the kubelet is configured while the plan makes"
                + " this host a cluster's node", hostId, settings.root());
        // Stopping and starting the kubelet waits for systemd; its own stop timeout is 90 s.
        return new NodeConfigurator(AgentInventory.requireHost(inventory, hostId, config.inventoryFile()), discovery::read,
                KubeletDropIn.kubeadm(), new SriovDevicePluginConfig(pods.resourcePrefix()),
                new NodeConfigWriter(Path.of(settings.root())), new ProcessHostCommand(Duration.ofSeconds(120)), services);
    }

    /** What microVMs boot with to become nodes (AgentConfig.ClusterSide#bootstrap). */
    private NodeBootstraps bootstraps() {
        return switch (config.cluster().bootstrap()) {
            case "none" -> NodeBootstraps.NONE;
            case "kubeadm" -> new KubeadmNodeBootstraps(
                    secrets::secretsOf, Clock.systemUTC());
            default -> throw new IllegalArgumentException("edgefleet.agent.cluster.bootstrap must be kubeadm or none, got '"
                    + config.cluster().bootstrap() + "'");
        };
    }

    void stop(@Observes ShutdownEvent event) {
        // Stopping the agent stops reconciling only: every microVM keeps running.
        pulse.stopped();
        timer.shutdownNow();
        runner.shutdownNow();
        creator.shutdownNow();
    }

    /** A new plan: converge to it. */
    public void desire(SitePlan plan) {
        desired = plan;
        LOG.infof("plan %d of site %s: %d microVMs, %d clusters, %d network functions; site steps on %s",
                plan.version(), plan.siteId(), plan.microVms().size(), plan.clusters().size(),
                plan.networkFunctions().size(), plan.siteStepsHostId() == null ? "the default host"
                        : plan.siteStepsHostId());
        trigger();
    }

    /** Something the plan's steps depend on changed (e.g. a cluster's secrets arrived): run again now. */
    public void nudge() {
        if (runner != null && desired != null) {
            trigger();
        }
    }

    /** The plan the agent converges to, or null before the first one. */
    public SitePlan desired() {
        return desired;
    }

    /** The newest plan version a run ended with nothing left to do and every planned microVM RUNNING, or -1. */
    public long convergedVersion() {
        return convergedVersion;
    }

    /** Whether reconcile runs keep finishing, every interval at least (liveness). */
    public LoopPulse pulse() {
        return pulse;
    }

    /** Finished reconcile runs since start. */
    public long runs() {
        return runs.get();
    }

    private void trigger() {
        if (pending.compareAndSet(false, true)) {
            runner.submit(this::runOnce);
        }
    }

    private void runOnce() {
        pending.set(false);
        SitePlan plan = desired;
        if (plan == null) {
            pulse.turned();
            return;
        }
        try {
            long refreshEvery = Math.max(1, config.reportRefreshInterval().toMillis()
                    / Math.max(1, config.reconcileInterval().toMillis()));
            Convergence.Outcome outcome = convergence.run(plan, runs.get() > 0 && runs.get() % refreshEvery == 0);
            if (outcome.converged()) {
                convergedVersion = plan.version();
            } else if (!outcome.notConverged().isEmpty()) {
                LOG.infof("plan %d: %d steps not converged yet (%s); the report says what was measured",
                        plan.version(), outcome.notConverged().size(), outcome.notConverged().get(0));
            }
            if (!outcome.performed().isEmpty()) {
                LOG.infof("plan %d: performed %d steps", plan.version(), outcome.performed().size());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "reconciling plan %d failed; the next run retries", plan.version());
        } finally {
            runs.incrementAndGet();
            pulse.turned();
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
