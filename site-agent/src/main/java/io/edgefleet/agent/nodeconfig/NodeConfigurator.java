package io.edgefleet.agent.nodeconfig;

import io.edgefleet.agent.driver.host.HostCommand;
import io.edgefleet.agent.driver.host.HostSetupException;
import io.edgefleet.agent.driver.host.MicroVmCores;
import io.edgefleet.agent.inventory.Host;
import io.edgefleet.agent.inventory.discovery.DiscoveredHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Applies the node configuration on this agent's own host: renders the files from the inventory entry, what
 * the host discovers about itself now and what the plan pins there, writes those that differ
 * ({@link NodeConfigWriter}), and makes the kubelet and the SR-IOV device plugin read them
 * ({@link NodeAction}). The kubelet restarts only when one of its two files changed.
 *
 * <p>Actions still owed are recorded on the host ({@link #PENDING}) before any file is touched and crossed off
 * one by one: a command that fails, or an agent that stops half-way, leaves the record behind, and the next
 * run finishes the job although the files are already in place.
 */
public final class NodeConfigurator {
    private static final Logger LOG = Logger.getLogger(NodeConfigurator.class);

    /** The actions a run began and has not finished, one name a line, in the agent's state directory. */
    public static final String PENDING = "/var/lib/edgefleet-agent/node-config.pending";
    /** The kubelet's CPU and memory manager checkpoints. */
    public static final List<String> CHECKPOINTS = List.of("/var/lib/kubelet/cpu_manager_state",
            "/var/lib/kubelet/memory_manager_state");

    private final Host host;
    private final Supplier<DiscoveredHost> discovery;
    private final KubeletDropIn dropIn;
    private final SriovDevicePluginConfig sriov;
    private final NodeConfigWriter writer;
    private final HostCommand commands;
    private final NodeServiceCommands services;

    /**
     * @param host      this agent's host as the inventory has it (reserve, physnets of the PFs)
     * @param discovery reads the host now (NUMA nodes with their CPU ids, memory, hugepages, PFs)
     * @param writer    where the files go
     * @param commands  runs {@code services}' commands on the host
     */
    public NodeConfigurator(Host host, Supplier<DiscoveredHost> discovery, KubeletDropIn dropIn,
                            SriovDevicePluginConfig sriov, NodeConfigWriter writer, HostCommand commands,
                            NodeServiceCommands services) {
        this.host = Objects.requireNonNull(host, "host");
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.dropIn = Objects.requireNonNull(dropIn, "dropIn");
        this.sriov = Objects.requireNonNull(sriov, "sriov");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.services = Objects.requireNonNull(services, "services");
    }

    /** The host this configures. */
    public String hostId() {
        return host.id();
    }

    /**
     * The memory kept from the kubelet for the microVMs of an NF host: all the host's ordinary memory but the
     * system's reserve, the kubelet's own reserve and eviction threshold, and what its network functions hold.
     * It changes only when the host's network functions change (which re-pins and restarts the kubelet anyway),
     * never when a microVM comes or goes: the planned microVMs' sum would restart the kubelet, and re-admit the
     * NF pods, at every control-plane create or delete on the host.
     *
     * @param nfMemoryMib the ordinary memory of the network-function replicas planned on this host
     */
    public long microVmShareMib(long nfMemoryMib) {
        return Math.max(0, host.microVmMemoryCapacityMib() - MemoryReserve.DEFAULT_KUBE_MIB
                - MemoryReserve.DEFAULT_EVICTION_HARD_MIB - nfMemoryMib);
    }

    /**
     * The files as they should be now. The microVM cpuset is the driver's ({@link MicroVmCores#allowed}: online
     * CPUs minus the reserved and the pinned cores, hardware-thread siblings included), so the kubelet hands out
     * exclusively exactly the cores the plan pins here, with their siblings.
     *
     * @param pinnedCores      cores the plan pins to network-function replicas on this host
     * @param microVmMemoryMib memory kept from the kubelet for the host's microVMs ({@link #microVmShareMib})
     */
    public List<NodeConfigFiles.File> render(Set<Integer> pinnedCores, long microVmMemoryMib) {
        DiscoveredHost found = discovery.get();
        SortedSet<Integer> microVmCpus = MicroVmCores.allowed(found.cores(), host.reserved().cores(), pinnedCores);
        return NodeConfigFiles.render(NodeHost.from(host, found, microVmCpus, microVmMemoryMib), dropIn, sriov);
    }

    /** Whether every file is in place and nothing is owed. */
    public boolean applied(Set<Integer> pinnedCores, long microVmMemoryMib) {
        return writer.differing(render(pinnedCores, microVmMemoryMib)).isEmpty() && pending().isEmpty();
    }

    /**
     * Writes the files that differ and runs what they take; returns the paths written. A failing command
     * throws {@link HostSetupException} with the command's output; what is left is retried by the next call.
     */
    public List<String> apply(Set<Integer> pinnedCores, long microVmMemoryMib) {
        List<NodeConfigFiles.File> files = render(pinnedCores, microVmMemoryMib);
        List<String> changed = writer.differing(files);
        EnumSet<NodeAction> owed = pending();
        boolean resumed = !owed.isEmpty();
        changed.forEach(path -> owed.addAll(NodeAction.after(path, dropIn)));
        if (owed.isEmpty()) {
            return List.of();
        }
        record(owed);
        writer.write(files);
        List<String> done = new ArrayList<>();
        if (owed.remove(NodeAction.DAEMON_RELOAD)) {
            NodeServiceCommands.run(commands, "reload systemd for the kubelet's drop-in", services.daemonReload());
            done.add("systemd reloaded");
            record(owed);
        }
        if (owed.contains(NodeAction.RESTART_KUBELET) || owed.contains(NodeAction.RESET_KUBELET_CHECKPOINTS)) {
            done.add(restartKubelet(owed.contains(NodeAction.RESET_KUBELET_CHECKPOINTS)));
            owed.removeAll(EnumSet.of(NodeAction.RESTART_KUBELET, NodeAction.RESET_KUBELET_CHECKPOINTS));
            record(owed);
        }
        if (owed.remove(NodeAction.RESTART_DEVICE_PLUGIN)) {
            NodeServiceCommands.run(commands, "restart the SR-IOV device plugin", services.restartDevicePlugin());
            done.add("SR-IOV device plugin restarted");
            record(owed);
        }
        String what = changed.isEmpty() ? "finished what an earlier run left undone"
                : "wrote " + String.join(", ", changed) + (resumed ? " (and finished what an earlier run left undone)" : "");
        LOG.infof("node host %s: %s; %s", host.id(), what, String.join(", ", done));
        return changed;
    }

    /**
     * Stops the kubelet, removes its checkpoints when the pinning changed, starts it. Stopped first: a running
     * kubelet writes its checkpoints whenever it assigns CPUs or memory, and could write the old ones back.
     */
    private String restartKubelet(boolean resetCheckpoints) {
        NodeServiceCommands.run(commands, "stop the kubelet", services.stopKubelet());
        List<String> removed = new ArrayList<>();
        if (resetCheckpoints) {
            // The kubelet refuses to start while a checkpoint disagrees with the new reservedSystemCPUs or
            // reservedMemory; without one it writes a fresh checkpoint from the new configuration.
            CHECKPOINTS.stream().filter(writer::remove).forEach(removed::add);
        }
        NodeServiceCommands.run(commands, "start the kubelet", services.startKubelet());
        return removed.isEmpty() ? "kubelet restarted"
                : "kubelet restarted after removing " + String.join(" and ", removed);
    }

    private EnumSet<NodeAction> pending() {
        Path file = writer.onHost(PENDING);
        try {
            EnumSet<NodeAction> owed = EnumSet.noneOf(NodeAction.class);
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String name = line.strip();
                if (name.isEmpty()) {
                    continue;
                }
                try {
                    owed.add(NodeAction.valueOf(name));
                } catch (IllegalArgumentException unknown) {
                    // Written by another agent version, or damaged: doing everything again is always safe.
                    return EnumSet.allOf(NodeAction.class);
                }
            }
            return owed;
        } catch (NoSuchFileException e) {
            return EnumSet.noneOf(NodeAction.class);
        } catch (IOException e) {
            throw new HostSetupException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void record(Set<NodeAction> owed) {
        if (owed.isEmpty()) {
            writer.remove(PENDING);
        } else {
            writer.write(List.of(new NodeConfigFiles.File(PENDING,
                    owed.stream().map(Enum::name).collect(Collectors.joining("\n", "", "\n")))));
        }
    }
}
