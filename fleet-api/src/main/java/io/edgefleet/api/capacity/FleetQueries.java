package io.edgefleet.api.capacity;

import io.edgefleet.api.view.FleetView;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.outcome.NetworkFunctionStatus;
import io.edgefleet.events.outcome.NetworkFunctionStatusChanged;
import io.edgefleet.events.outcome.RequestRejected;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostInventory;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.HostStateChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Sites, hosts and the fleet summary, computed on demand from the read model. */
@ApplicationScoped
public class FleetQueries {
    @Inject
    FleetView view;

    Clock clock = Clock.systemUTC();

    public List<SiteView> sites() {
        return view.siteIds().stream().map(id -> site(id).orElseThrow()).toList();
    }

    public Optional<SiteView> site(String siteId) {
        Optional<SitePlan> plan = view.plan(siteId);
        Optional<AgentHeartbeat> heartbeat = view.heartbeat(siteId);
        if (plan.isEmpty() && heartbeat.isEmpty()) {
            return Optional.empty();
        }
        List<HostView> hosts = hosts(siteId, team -> true).orElse(List.of());
        boolean alive = heartbeat.map(h -> h.sentAt().plusSeconds(3L * Math.max(1, h.intervalSeconds()))
                .isAfter(clock.instant())).orElse(false);
        return Optional.of(new SiteView(siteId, alive, heartbeat.map(AgentHeartbeat::sentAt).orElse(null),
                heartbeat.map(AgentHeartbeat::agentVersion).orElse(null), plan.map(SitePlan::version).orElse(null),
                hosts.size(), (int) hosts.stream().filter(h -> h.state() == HostState.READY).count(),
                (int) hosts.stream().filter(HostView::inUse).count(),
                plan.map(p -> p.clusters().size()).orElse(0), plan.map(p -> p.networkFunctions().size()).orElse(0),
                plan.map(p -> p.microVms().size()).orElse(0)));
    }

    /** The site's hosts, or empty when the site is unknown. */
    public Optional<List<HostView>> hosts(String siteId, Predicate<String> visibleTeam) {
        Optional<SitePlan> plan = view.plan(siteId);
        if (plan.isEmpty() && view.heartbeat(siteId).isEmpty()) {
            return Optional.empty();
        }
        // The newest full heartbeat, not the newest heartbeat: a light one carries no hosts (ADR 0013).
        Optional<AgentHeartbeat> heartbeat = view.inventory(siteId);
        List<HostInventory> inventory = heartbeat.map(AgentHeartbeat::hosts).orElse(List.of());
        return Optional.of(HostCapacities.of(siteId, inventory, plan.orElse(null), h -> stateOf(siteId, h,
                heartbeat.get()), visibleTeam));
    }

    private HostState stateOf(String siteId, HostInventory host, AgentHeartbeat heartbeat) {
        return view.hostState(siteId, host.hostId()).filter(c -> c.observedAt().isAfter(heartbeat.sentAt()))
                .map(HostStateChanged::state).orElse(host.state());
    }

    public FleetSummary summary(Predicate<String> visibleTeam) {
        List<HostView> hosts = new ArrayList<>();
        int cpVms = 0;
        int workerVms = 0;
        Set<String> microVmHosts = new HashSet<>();
        Set<String> controlPlaneHosts = new HashSet<>();
        int live = 0;
        List<String> siteIds = view.siteIds();
        for (String siteId : siteIds) {
            hosts.addAll(hosts(siteId, visibleTeam).orElse(List.of()));
            if (site(siteId).map(SiteView::agentAlive).orElse(false)) {
                live++;
            }
            for (PlannedMicroVm vm : view.plan(siteId).map(SitePlan::microVms).orElse(List.of())) {
                switch (vm.role()) {
                    case CONTROL_PLANE -> {
                        cpVms++;
                        controlPlaneHosts.add(siteId + "/" + vm.hostId());
                    }
                    case WORKER -> workerVms++;
                }
                microVmHosts.add(siteId + "/" + vm.hostId());
            }
        }
        long pinnable = 0;
        long pinned = 0;
        long vcpuCap = 0;
        long vcpuUsed = 0;
        long mem = 0;
        long memUsed = 0;
        long huge = 0;
        long hugeUsed = 0;
        long vfs = 0;
        long vfsUsed = 0;
        long disk = 0;
        long diskUsed = 0;
        for (HostView h : hosts) {
            pinnable += h.cpu().totalCores() - h.cpu().reservedCores();
            pinned += h.cpu().pinnedCores();
            vcpuCap += h.cpu().vcpuCapacity();
            vcpuUsed += h.cpu().vcpuUsed();
            mem += h.memoryMib().total() - h.memoryMib().reserved();
            memUsed += h.memoryMib().used();
            huge += h.hugepages1Gi().total();
            hugeUsed += h.hugepages1Gi().used();
            disk += h.diskGib().total();
            diskUsed += h.diskGib().used();
            for (NumaCapacity n : h.numaNodes()) {
                for (Amount a : n.vfsByPhysnet().values()) {
                    vfs += a.total();
                    vfsUsed += a.used();
                }
            }
        }
        List<Utilisation> utilisation = List.of(
                Utilisation.of("pinned-cores", "cores", pinnable, pinned),
                Utilisation.of("shared-vcpu", "vCPUs", vcpuCap, vcpuUsed),
                Utilisation.of("memory", "MiB", mem, memUsed),
                Utilisation.of("hugepages-1gi", "pages", huge, hugeUsed),
                Utilisation.of("sriov-vfs", "VFs", vfs, vfsUsed),
                Utilisation.of("disk", "GiB", disk, diskUsed));
        // Per site, control-plane microVMs less the distinct hosts they share, summed: a host id is
        // unique within its site only, hence site/host.
        MixedMode mixed = new MixedMode(cpVms, workerVms, microVmHosts.size(), controlPlaneHosts.size(), cpVms,
                cpVms - controlPlaneHosts.size());
        Map<String, Long> byStatus = view.clusters().stream().filter(c -> visibleTeam.test(c.team()))
                .collect(Collectors.groupingBy(c -> c.status().name(), TreeMap::new, Collectors.counting()));
        int inUse = (int) hosts.stream().filter(HostView::inUse).count();
        return new FleetSummary(Instant.now(clock), siteIds.size(), live, hosts.size(),
                (int) hosts.stream().filter(h -> h.state() == HostState.READY).count(), inUse, hosts.size() - inUse,
                (int) hosts.stream().filter(h -> h.heldByCluster() != null).count(), byStatus,
                networkFunctions(visibleTeam).size(),
                utilisation, mixed);
    }

    /** Clusters the caller may see, in id order. */
    public List<ClusterStatusChanged> clusters(Predicate<String> visibleTeam) {
        return view.clusters().stream().filter(c -> visibleTeam.test(c.team())).toList();
    }

    /**
     * Network functions the caller may see, in id order (then cluster, as ids are unique per cluster), and after
     * them each refused creation of the caller's teams that no network function of that id has outlived: FAILED,
     * with placement's reason, so the operator sees why it never ran.
     */
    public List<NetworkFunctionStatusChanged> networkFunctions(Predicate<String> visibleTeam) {
        List<NetworkFunctionStatusChanged> all = view.networkFunctions();
        List<NetworkFunctionStatusChanged> out = new ArrayList<>(all.stream()
                .filter(nf -> visibleTeam.test(nf.team())).toList());
        // newest status per id, over every team's clusters: one pass, not one sorted copy per refusal
        Map<String, Instant> newest = all.stream().collect(Collectors.toMap(NetworkFunctionStatusChanged::nfId,
                NetworkFunctionStatusChanged::changedAt, (a, b) -> a.isAfter(b) ? a : b));
        for (RequestRejected r : view.rejectedCreations()) {
            boolean outlived = newest.containsKey(r.subjectId()) && !newest.get(r.subjectId()).isBefore(r.rejectedAt());
            if (r.team() != null && visibleTeam.test(r.team()) && !outlived) {
                out.add(new NetworkFunctionStatusChanged(r.subjectId(), null, r.team(), r.siteId(),
                        NetworkFunctionStatus.FAILED, "rejected: " + r.code() + ": " + r.message(), List.of(),
                        r.rejectedAt()));
            }
        }
        return out;
    }

    /** The dashboard's whole picture. */
    public DashboardSnapshot snapshot(Predicate<String> visibleTeam) {
        List<DashboardSnapshot.SitePanel> panels = new ArrayList<>();
        for (String siteId : view.siteIds()) {
            site(siteId).ifPresent(site -> panels.add(new DashboardSnapshot.SitePanel(site,
                    hosts(siteId, visibleTeam).orElse(List.of()))));
        }
        return new DashboardSnapshot(Instant.now(clock), summary(visibleTeam), panels, clusters(visibleTeam),
                networkFunctions(visibleTeam));
    }
}
