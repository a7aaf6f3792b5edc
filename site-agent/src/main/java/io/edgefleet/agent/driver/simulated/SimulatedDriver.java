package io.edgefleet.agent.driver.simulated;

import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.inventory.Host;
import io.edgefleet.agent.inventory.HostState;
import io.edgefleet.agent.inventory.SiteInventory;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link MicroVmDriver} that runs no hypervisor: it keeps microVMs in memory (and optionally in a
 * state file) and behaves like Firecracker in what the reconciler can observe:
 * <ul>
 *   <li>boots take {@code bootTime}, plus {@code bootPenaltyPerConcurrent} for every other microVM
 *       still booting on the same host;</li>
 *   <li>a microVM that does not fit its host (vCPUs over the allocation ratio, memory, disk), or
 *       whose host is unknown, DOWN or lacks the {@code microvm} capability, is FAILED with the reason;</li>
 *   <li>boots fail as the failure injection of {@link SimulatedDriverConfig} decides, deterministically;</li>
 *   <li>with a state file, a new driver instance (an agent restart) finds every microVM as it was:
 *       nothing is stopped, nothing is created twice.</li>
 * </ul>
 * Thread-safe: one lock guards the table; waiting for a boot happens outside it.
 */
public final class SimulatedDriver implements MicroVmDriver {

    /** The capability a host needs to run microVMs. */
    public static final String MICROVM_CAPABILITY = "microvm";

    private final SiteInventory inventory;
    private final SimulatedDriverConfig config;
    private final SimClock clock;
    private final SimulatedStateFile stateFile;
    private final Map<String, SimulatedVm> vms = new TreeMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();

    /** A driver on the system clock. */
    public SimulatedDriver(SiteInventory inventory, SimulatedDriverConfig config) {
        this(inventory, config, SimClock.SYSTEM);
    }

    /** A driver on the given clock; loads the state file first if one is configured. */
    public SimulatedDriver(SiteInventory inventory, SimulatedDriverConfig config, SimClock clock) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stateFile = config.stateFile() == null ? null : new SimulatedStateFile(config.stateFile());
        if (stateFile != null) {
            SimulatedStateFile.Content content = stateFile.read();
            attempts.putAll(content.attempts());
            content.microVms().forEach(vm -> vms.put(vm.spec().microVmId(), vm));
        }
    }

    @Override
    public synchronized List<MicroVmStatus> list() {
        long now = nowMillis();
        return vms.values().stream().map(vm -> vm.at(now).status())
                .sorted(Comparator.comparing(MicroVmStatus::microVmId)).toList();
    }

    @Override
    public MicroVmStatus create(MicroVmSpec spec) {
        Objects.requireNonNull(spec, "spec");
        SimulatedVm started;
        synchronized (this) {
            long now = nowMillis();
            SimulatedVm existing = settled(spec.microVmId(), now);
            if (existing != null) {
                return existing.status(); // idempotent: never a second microVM with one id
            }
            int attempt = attempts.merge(spec.microVmId(), 1, Integer::sum);
            started = admit(spec, attempt, now);
            vms.put(spec.microVmId(), started);
            save();
        }
        if (config.awaitBoot() && started.state() == MicroVmState.CREATING) {
            clock.sleep(Duration.ofMillis(Math.max(0, started.bootDoneAtMillis() - nowMillis())));
            return status(spec.microVmId()).orElseGet(() -> MicroVmStatus.failed(spec.microVmId(), spec.hostId(),
                    "deleted while it was booting", clock.now()));
        }
        return started.status();
    }

    /** Decides, under the lock, whether the microVM may boot on its host and when that boot ends. */
    private SimulatedVm admit(MicroVmSpec spec, int attempt, long now) {
        Optional<String> refusal = refusal(spec, now);
        if (refusal.isPresent()) {
            return new SimulatedVm(spec, MicroVmState.FAILED, refusal.get(), now, now, true, attempt);
        }
        long concurrentBoots = vms.values().stream()
                .map(vm -> vm.at(now))
                .filter(vm -> vm.spec().hostId().equals(spec.hostId()) && vm.state() == MicroVmState.CREATING)
                .count();
        long bootMillis = config.bootTime().toMillis() + concurrentBoots * config.bootPenaltyPerConcurrent().toMillis();
        boolean fails = config.bootFails(spec.hostId(), spec.microVmId(), attempt);
        return new SimulatedVm(spec, MicroVmState.CREATING, "booting", now, now + bootMillis, fails, attempt);
    }

    /** Why the spec cannot run on its host now, in an operator's words; empty if it can. */
    private Optional<String> refusal(MicroVmSpec spec, long now) {
        Optional<Host> found = inventory.host(spec.hostId());
        if (found.isEmpty()) {
            return Optional.of("host " + spec.hostId() + " is not in the inventory of site " + inventory.siteId());
        }
        Host host = found.get();
        if (host.state() == HostState.DOWN) {
            return Optional.of("host " + host.id() + " is DOWN");
        }
        if (!host.has(MICROVM_CAPABILITY)) {
            return Optional.of("host " + host.id() + " lacks the '" + MICROVM_CAPABILITY + "' capability");
        }
        int vcpu = 0;
        long memory = 0;
        long disk = 0;
        for (SimulatedVm vm : vms.values()) {
            SimulatedVm v = vm.at(now);
            if (v.spec().hostId().equals(host.id()) && v.state().holdsResources()) {
                vcpu += v.spec().vcpu();
                memory += v.spec().memoryMib();
                disk += v.spec().diskGib();
            }
        }
        if (vcpu + spec.vcpu() > host.microVmVcpuCapacity()) {
            return Optional.of(noFit(host, "vCPUs", spec.vcpu(), host.microVmVcpuCapacity() - vcpu, host.microVmVcpuCapacity()));
        }
        if (memory + spec.memoryMib() > host.microVmMemoryCapacityMib()) {
            return Optional.of(noFit(host, "MiB of memory", spec.memoryMib(), host.microVmMemoryCapacityMib() - memory,
                    host.microVmMemoryCapacityMib()));
        }
        if (host.diskGib() > 0 && disk + spec.diskGib() > host.diskGib()) {
            return Optional.of(noFit(host, "GiB of disk", spec.diskGib(), host.diskGib() - disk, host.diskGib()));
        }
        return Optional.empty();
    }

    private static String noFit(Host host, String unit, long wanted, long free, long capacity) {
        return "does not fit host " + host.id() + ": needs " + wanted + " " + unit + ", " + Math.max(0, free)
                + " of " + capacity + " free";
    }

    @Override
    public MicroVmStatus stop(String microVmId) {
        MicroVmSpec.checkId(microVmId);
        synchronized (this) {
            SimulatedVm vm = settled(microVmId, nowMillis());
            if (vm == null) {
                return new MicroVmStatus(microVmId, "", MicroVmState.STOPPED, "no such microVM", clock.now());
            }
            if (vm.state() != MicroVmState.RUNNING && vm.state() != MicroVmState.CREATING) {
                return vm.status();
            }
        }
        clock.sleep(config.stopTime()); // the guest shutting down, outside the lock
        synchronized (this) {
            long now = nowMillis();
            SimulatedVm vm = settled(microVmId, now);
            if (vm == null) {
                return new MicroVmStatus(microVmId, "", MicroVmState.STOPPED, "deleted while stopping", clock.now());
            }
            if (vm.state().holdsResources()) {
                vm = vm.with(MicroVmState.STOPPED, "stopped on request", now);
                vms.put(microVmId, vm);
                save();
            }
            return vm.status();
        }
    }

    @Override
    public synchronized void delete(String microVmId) {
        MicroVmSpec.checkId(microVmId);
        // Attempts survive deletion on purpose: the next creation of this id is a new attempt and
        // gets a fresh failure draw, so an injected failure does not doom the id forever.
        if (vms.remove(microVmId) != null) {
            save();
        }
    }

    /** The microVM with its boot brought up to {@code now}, stored back so later answers agree. */
    private SimulatedVm settled(String microVmId, long now) {
        SimulatedVm vm = vms.get(microVmId);
        if (vm == null) {
            return null;
        }
        SimulatedVm current = vm.at(now);
        if (current != vm) {
            vms.put(microVmId, current);
        }
        return current;
    }

    private long nowMillis() {
        return clock.now().toEpochMilli();
    }

    private void save() {
        if (stateFile != null) {
            stateFile.write(new SimulatedStateFile.Content(1, Map.copyOf(attempts), List.copyOf(vms.values())));
        }
    }

    /** The inventory the driver checks capacity against. */
    public SiteInventory inventory() {
        return inventory;
    }

    /** When the driver thinks it is (for simulations driving a virtual clock). */
    public Instant now() {
        return clock.now();
    }
}
