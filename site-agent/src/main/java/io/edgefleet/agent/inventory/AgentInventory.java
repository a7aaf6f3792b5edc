package io.edgefleet.agent.inventory;

import io.edgefleet.agent.AgentConfig;
import io.edgefleet.agent.inventory.discovery.DiscoveredHost;
import io.edgefleet.agent.inventory.discovery.HostDiscovery;
import io.edgefleet.agent.inventory.discovery.InventoryMerge;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The site inventory as this agent offers it: the file, checked against the agent's site and host,
 * with this host's NUMA nodes, cores, memory, hugepages and VFs discovered from the host when
 * discovery is on ({@link InventoryMerge} says who wins).
 */
public final class AgentInventory {
    private static final Logger LOG = Logger.getLogger(AgentInventory.class);

    /**
     * @param inventory   what the agent offers and drives
     * @param differences where the file disagrees with the discovered host (empty without discovery)
     */
    public record Prepared(SiteInventory inventory, List<String> differences) {
        public Prepared {
            differences = List.copyOf(differences);
        }
    }

    private AgentInventory() {
    }

    /** Loads, checks and (when configured) discovers at start; logs every difference once, as one warning. */
    public static SiteInventory load(AgentConfig config) {
        String file = config.inventoryFile();
        Path sys = Path.of(config.inventory().sysRoot());
        Path proc = Path.of(config.inventory().procRoot());
        Prepared prepared = prepare(SiteInventory.load(Path.of(file)), file, config.siteId(), config.hostId(),
                discovers(config.hostId(), config.inventory().discover()), () -> new HostDiscovery(sys, proc).read());
        config.hostId().ifPresent(host -> {
            if (!prepared.differences().isEmpty()) {
                LOG.warnf("inventory file %s disagrees with what host %s says about itself; the host's values are"
                        + " used for cores, memory, hugepages and VFs:%n  - %s", file, host,
                        String.join(System.lineSeparator() + "  - ", prepared.differences()));
            }
        });
        return prepared.inventory();
    }

    /** Discovery is on when set so, and by default exactly when the agent is a host's agent. */
    public static boolean discovers(Optional<String> hostId, Optional<Boolean> discover) {
        return discover.orElse(hostId.isPresent());
    }

    /**
     * The pure part of {@link #load}: checks the site and host ids, requires NUMA nodes in the file
     * where nothing discovers them, and merges the discovered host into its entry.
     */
    public static Prepared prepare(SiteInventory file, String fileName, String siteId, Optional<String> hostId,
                                   boolean discover, Supplier<DiscoveredHost> discovery) {
        if (!file.siteId().equals(siteId)) {
            throw new IllegalStateException("inventory file " + fileName + " describes site " + file.siteId()
                    + " but this agent runs site " + siteId);
        }
        hostId.ifPresent(id -> requireHost(file, id, fileName));
        if (discover && hostId.isEmpty()) {
            throw new IllegalStateException("edgefleet.agent.inventory.discover=true needs edgefleet.agent.host-id:"
                    + " discovery reads this machine, and only a host's agent knows which host it is");
        }
        List<String> differences = new ArrayList<>();
        List<Host> hosts = new ArrayList<>();
        for (Host host : file.hosts()) {
            if (discover && host.id().equals(hostId.get())) {
                InventoryMerge.Merged merged = InventoryMerge.merge(host, discovery.get());
                differences.addAll(merged.differences());
                hosts.add(merged.host());
            } else {
                hosts.add(host);
            }
        }
        Optional<Host> undeclared = hosts.stream().filter(h -> h.numaNodes().isEmpty())
                .filter(h -> hostId.isEmpty() || h.id().equals(hostId.get())).findFirst();
        if (undeclared.isPresent()) {
            throw new IllegalStateException("inventory file " + fileName + ": host " + undeclared.get().id()
                    + " lists no numaNodes; list them, or let its own agent discover them"
                    + " (edgefleet.agent.host-id=" + undeclared.get().id() + ", edgefleet.agent.inventory.discover=true)");
        }
        return new Prepared(new SiteInventory(file.siteId(), file.region(), hosts, file.network()), differences);
    }

    /** The host with this id, or a clear error naming the file and the site's hosts. */
    public static Host requireHost(SiteInventory inventory, String hostId, String source) {
        return inventory.host(hostId).orElseThrow(() -> new IllegalStateException("edgefleet.agent.host-id=" + hostId
                + " is not a host of site " + inventory.siteId() + " in " + source + " (its hosts: "
                + inventory.hosts().stream().map(Host::id).toList() + ")"));
    }
}
