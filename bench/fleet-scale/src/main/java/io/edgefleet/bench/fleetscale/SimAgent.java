package io.edgefleet.bench.fleetscale;

import io.edgefleet.agent.cluster.NfPods;
import io.edgefleet.agent.cluster.SimulatedClusterAccess;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.simulated.SimulatedDriver;
import io.edgefleet.agent.driver.simulated.SimulatedDriverConfig;
import io.edgefleet.agent.inventory.Host;
import io.edgefleet.agent.inventory.SiteInventory;
import io.edgefleet.agent.reconcile.Convergence;
import io.edgefleet.agent.reconcile.ReconcilePlanner;
import io.edgefleet.agent.reconcile.Target;
import io.edgefleet.agent.report.HeartbeatComposer;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.identity.SiteSigner;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.HostStateChanged;
import io.edgefleet.events.validation.Validated;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One simulated site agent, built from the site-agent's own plain classes: its inventory, the
 * simulated microVM driver (boots complete on the clock, Firecracker-like 125 ms), simulated
 * clusters derived from the driver, the agent's reconcile planner and convergence run (which
 * measure, act, verify and report on change), and its own Ed25519 site key that signs every report.
 * It keeps its own plan position (the offset after the last plan record of its site it read) and
 * the newest plan version, exactly as the agent's PlanFeed does.
 */
final class SimAgent {
    final String siteId;
    final int planPartition;
    final KeyPair keys;
    private final SiteInventory inventory;
    private final SimulatedDriver driver;
    private final Convergence convergence;
    private final SiteSigner signer;
    private final Consumer<EncodedEvent> out;
    private final HeartbeatComposer heartbeats;
    private final Set<String> downHosts = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile SitePlan desired;
    private volatile long position;
    private long newestVersion = -1;

    SimAgent(String siteId, int planPartition, int heartbeatFullEvery, Consumer<EncodedEvent> out) {
        this.siteId = siteId;
        // The agent's own rule: the inventory on the first beat, on a change, every N-th beat; the digest otherwise.
        this.heartbeats = new HeartbeatComposer(siteId, "bench-fleet-scale", heartbeatFullEvery);
        this.planPartition = planPartition;
        this.out = out;
        this.inventory = SiteHosts.inventory(siteId);
        SimulatedDriverConfig d = SimulatedDriverConfig.defaults();
        // awaitBoot=false: create returns CREATING and the boot ends on the clock, so a thousand agents
        // share a few reconcile threads; the agent measures again once the boot time has passed.
        this.driver = new SimulatedDriver(inventory, new SimulatedDriverConfig(d.bootTime(),
                d.bootPenaltyPerConcurrent(), d.stopTime(), false, Set.of(), 0.0, Map.of(), 0L, null));
        this.convergence = new Convergence(siteId, new Target(driver, new SimulatedClusterAccess(driver)),
                new ReconcilePlanner("/var/lib/edgefleet/images/vmlinux", "/var/lib/edgefleet/images/node-{version}.ext4",
                        new NfPods("edgefleet-nf", "registry.local/nf/{kind}:latest", "intel.com/sriov_")),
                this::report);
        this.keys = SiteKeys.generate();
        this.signer = new SiteSigner(siteId, keys.getPrivate());
    }

    /** A plan record of this site's partition; records of other sites were skipped before this. */
    boolean read(long offset, Map<String, String> headers, byte[] value) {
        position = offset + 1;
        Validated<CloudEvent<SitePlan>> decoded = CloudEventCodec.decode(headers, value, SitePlan.class);
        if (!decoded.isValid()) {
            return false;
        }
        SitePlan plan = decoded.toOptional().orElseThrow().data();
        synchronized (this) {
            if (!siteId.equals(plan.siteId()) || plan.version() <= newestVersion) {
                return false;
            }
            newestVersion = plan.version();
            desired = plan;
        }
        return true;
    }

    /** Marks a reconcile as wanted; true if none was pending (the caller schedules one). */
    boolean want() {
        return pending.compareAndSet(false, true);
    }

    /** One reconcile run; returns true if a microVM is still booting (measure again shortly). */
    boolean reconcile() {
        pending.set(false);
        SitePlan plan = desired;
        if (plan == null) {
            return false;
        }
        synchronized (convergence) {
            convergence.run(plan);
        }
        return driver.list().stream().anyMatch(s -> s.state() == MicroVmState.CREATING);
    }

    AgentHeartbeat heartbeat(Duration interval) {
        return heartbeats.next(Instant.now().truncatedTo(ChronoUnit.MILLIS), (int) Math.max(1, interval.toSeconds()),
                inventory.hosts().stream().map(h -> SiteHosts.wire(h, downHosts.contains(h.id()))).toList());
    }

    /** A host of this site fails (DOWN) or comes back (READY); the agent says so at once and in its heartbeats. */
    void hostState(String hostId, boolean down) {
        if (down) {
            downHosts.add(hostId);
        } else {
            downHosts.remove(hostId);
        }
        report(new HostStateChanged(siteId, hostId, down ? HostState.DOWN : HostState.READY,
                down ? "power lost (simulated host failure)" : "repaired", Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    String someHost(java.util.Random random) {
        Host h = inventory.hosts().get(random.nextInt(inventory.hosts().size()));
        return h.id();
    }

    boolean hasDownHost() {
        return !downHosts.isEmpty();
    }

    long position() {
        return position;
    }

    /**
     * Signs and hands over in one step: the heartbeat timer and the reconcile threads report for the same site, and
     * placement refuses a report whose signed sequence is not newer than the last it accepted (REPLAYED).
     */
    synchronized void report(EventPayload payload) {
        out.accept(signer.sign(CloudEventCodec.encode(CloudEvent.of("/site-agent/" + siteId, payload))));
    }
}
