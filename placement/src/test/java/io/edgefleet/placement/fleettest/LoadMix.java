package io.edgefleet.placement.fleettest;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostInventory;
import io.edgefleet.events.report.HostState;
import io.edgefleet.events.report.NumaInventory;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ControlPlane;
import io.edgefleet.events.request.Workers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A seeded stream of cluster requests against a small fleet, built to make replicas collide: more
 * control planes asked for than the sites hold (so hosts are contended and many requests are
 * rejected for capacity), bare-metal workers that need a whole host, duplicates (the same
 * CloudEvent published again), competing requests (a new event for a cluster id already asked
 * for), and deletions of clusters asked for earlier.
 */
public final class LoadMix {
    public static final int HOSTS_PER_SITE = 6;
    private final int sites;
    private final String prefix;
    private final String source;
    private final Random random;
    private final List<CloudEvent<EventPayload>> sent = new ArrayList<>();
    private final List<ClusterRequested> creates = new ArrayList<>();
    private final Set<String> requestIds = new LinkedHashSet<>();
    private int next;

    public LoadMix(int sites, String source, long seed) {
        this(sites, "", source, seed);
    }

    /** A mix whose site and cluster ids start with {@code prefix}, so several runs can share a stack. */
    public LoadMix(int sites, String prefix, String source, long seed) {
        this.sites = sites;
        this.prefix = prefix;
        this.source = source;
        this.random = new Random(seed);
    }

    public static String site(int i) {
        return "site-" + i;
    }

    /** The heartbeat of this mix's site {@code i}. */
    public AgentHeartbeat siteHeartbeat(int i) {
        AgentHeartbeat h = heartbeat(i);
        return new AgentHeartbeat(prefix + h.siteId(), h.agentVersion(), h.sentAt(), h.intervalSeconds(), h.hosts());
    }

    /**
     * A heartbeat of site {@code i}: 6 hosts over 3 racks, each 2 NUMA nodes of 16 cores and 64 GiB
     * (8 of them as 1 GiB hugepages), 2 cores and 4 GiB reserved, vCPU ratio 4. The interval is an
     * hour: no host goes DOWN during a run.
     */
    public static AgentHeartbeat heartbeat(int i) {
        List<HostInventory> hosts = new ArrayList<>();
        for (int h = 1; h <= HOSTS_PER_SITE; h++) {
            hosts.add(new HostInventory("h" + h, "rack-" + (h % 3 + 1), HostState.READY,
                    List.of("microvm", "sriov:physnet-a"),
                    List.of(new NumaInventory(0, 16, 65536, 8, Map.of("physnet-a", 8)),
                            new NumaInventory(1, 16, 65536, 8, Map.of("physnet-a", 8))),
                    2, 4096, 4.0, 1800L));
        }
        return new AgentHeartbeat(site(i), "load-mix", Instant.now().truncatedTo(ChronoUnit.MILLIS), 3600, hosts);
    }

    /** The next request to publish (a duplicate is the very same event as an earlier one). */
    public CloudEvent<EventPayload> next() {
        int roll = random.nextInt(100);
        CloudEvent<EventPayload> event;
        if (roll < 8 && !sent.isEmpty()) {
            event = sent.get(random.nextInt(sent.size())); // duplicate
        } else if (roll < 13 && !creates.isEmpty()) {
            ClusterRequested earlier = creates.get(random.nextInt(creates.size()));
            event = CloudEvent.of(source, (EventPayload) earlier); // competes for the same cluster id
        } else if (roll < 23 && !creates.isEmpty()) {
            ClusterRequested earlier = creates.get(random.nextInt(creates.size()));
            event = CloudEvent.of(source, (EventPayload) new ClusterDeleteRequested(earlier.clusterId(), earlier.team(),
                    earlier.siteId(), "load-mix"));
        } else {
            ClusterRequested create = create();
            creates.add(create);
            event = CloudEvent.of(source, (EventPayload) create);
        }
        sent.add(event);
        requestIds.add(event.requestId());
        return event;
    }

    private ClusterRequested create() {
        int n = next++;
        String siteId = prefix + site(random.nextInt(sites));
        int roll = random.nextInt(100);
        int replicas = roll < 45 ? 1 : roll < 95 ? 3 : 5;
        Workers workers = random.nextInt(100) < 4 ? Workers.bareMetal(1) : Workers.bareMetal(0);
        return new ClusterRequested(prefix + "c-" + n, "team-" + (n % 5), siteId, "1.31.2",
                new ControlPlane(replicas, 2, 4096, 20), workers, null, Map.of());
    }

    /** Every distinct request id published so far. */
    public Set<String> requestIds() {
        return requestIds;
    }

    public int published() {
        return sent.size();
    }
}
