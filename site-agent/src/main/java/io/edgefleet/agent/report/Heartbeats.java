package io.edgefleet.agent.report;

import io.edgefleet.agent.AgentConfig;
import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.inventory.AgentInventory;
import io.edgefleet.agent.inventory.Host;
import io.edgefleet.agent.inventory.SiteInventory;
import io.edgefleet.servicekit.LoopPulse;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostInventory;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.NumaInventory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends a heartbeat every {@code heartbeat-interval}, first at start: with the site's host
 * inventory when {@link HeartbeatComposer} says so (first beat, a change, every
 * {@code heartbeat-full-every}-th beat), with only its digest otherwise. A host's agent
 * ({@code host-id}) sends its host id and, in full beats, its own host only.
 */
@ApplicationScoped
public class Heartbeats {
    private static final Logger LOG = Logger.getLogger(Heartbeats.class);

    @Inject
    AgentConfig config;
    @Inject
    SiteInventory inventory;
    @Inject
    Reporter reporter;
    @Inject
    MicroVmDriver driver;

    private ScheduledExecutorService timer;
    private volatile HeartbeatComposer composer;
    private LoopPulse pulse;

    void start(@Observes StartupEvent event) {
        // A bad heartbeat-full-every or host-id stops the start with its message, not the timer later.
        config.hostId().ifPresent(h -> AgentInventory.requireHost(inventory, h, config.inventoryFile()));
        composer();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = config.heartbeatInterval().toMillis();
        // Placement marks the host DOWN after a few silent intervals; a few more without a beat is a dead timer.
        pulse = new LoopPulse("heartbeat", Duration.ofMinutes(2).plus(config.heartbeatInterval().multipliedBy(5)));
        pulse.started(null);
        timer.scheduleAtFixedRate(this::beatSafely, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Whether heartbeats keep going out (liveness); empty before start. */
    public Optional<LoopPulse> pulse() {
        return Optional.ofNullable(pulse);
    }

    /**
     * One beat that never throws: an exception out of a fixed-rate task cancels every later run, and a host whose
     * heartbeats stop is marked DOWN and evacuated while its microVMs still run.
     */
    private void beatSafely() {
        try {
            beat();
        } catch (RuntimeException e) {
            LOG.warnf(e, "composing the heartbeat failed; the next beat tries again");
        } finally {
            pulse.turned();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (pulse != null) {
            pulse.stopped();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void beat() {
        reporter.report(heartbeat());
    }

    AgentHeartbeat heartbeat() {
        // A host's agent speaks for its own host only; a site-wide agent for every host of the site.
        List<HostInventory> hosts = inventory.hosts().stream()
                .filter(h -> config.hostId().map(h.id()::equals).orElse(true))
                .map(h -> toWire(h, driver.isolation(h.id()))).toList();
        return composer().next(Instant.now().truncatedTo(ChronoUnit.MILLIS),
                (int) Math.max(1, config.heartbeatInterval().toSeconds()), hosts);
    }

    private HeartbeatComposer composer() {
        HeartbeatComposer c = composer;
        if (c == null) {
            synchronized (this) {
                if (composer == null) {
                    composer = new HeartbeatComposer(config.siteId(), config.hostId().orElse(null), inventory.network(),
                            config.version(),
                            config.heartbeatFullEvery());
                }
                c = composer;
            }
        }
        return c;
    }

    private static HostInventory toWire(Host host, String isolation) {
        List<NumaInventory> numa = host.numaNodes().stream()
                .map(n -> new NumaInventory(n.id(), n.cores(), n.memoryMib(), n.hugepages1Gi(), n.vfsByPhysnet(),
                        n.coreIds()))
                .toList();
        return new HostInventory(host.id(), host.failureDomain(), HostState.valueOf(host.state().name()),
                host.capabilities().stream().sorted().toList(), numa, host.reserved().cores(),
                host.reserved().memoryMib(), host.cpuAllocationRatio(), host.diskGib(), isolation);
    }
}
