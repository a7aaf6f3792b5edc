package io.edgefleet.placement.intake;

import io.edgefleet.events.EventType;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.placement.engine.ClusterRequest;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.TeamQuota;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.quota.TeamQuotas;
import io.edgefleet.placement.store.ClusterStore;
import io.edgefleet.placement.store.NetworkFunctionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Bursts in a poll: before a polled batch is decided, the cluster creates it holds for one site
 * (two or more) are decided together ({@link BurstDecisions}); the create handler then takes each
 * request's decision from here. A decision is used only if it still fits the site as the batch left
 * it by then (another request of the poll may have changed the site in between); otherwise, and for
 * every request the burst refused, the handler decides one by one as always.
 */
@ApplicationScoped
class PollBursts {
    private static final Logger LOG = Logger.getLogger(PollBursts.class);

    /** Accepted burst decisions by batch, then cluster id. Weak: a batch's entry goes with the batch. */
    private final Map<Batch, Map<String, Decision>> planned = Collections.synchronizedMap(new WeakHashMap<>());

    @Inject
    ClusterStore clusters;
    @Inject
    NetworkFunctionStore networkFunctions;
    @Inject
    TeamQuotas teamQuotas;

    /** Decides the poll's bursts ahead; {@code decoded} as the batch read its records (null: poisoned). */
    void plan(Batch batch, List<ReadRequest> decoded) throws SQLException {
        Map<String, List<ClusterRequested>> bySite = new LinkedHashMap<>();
        for (ReadRequest r : decoded) {
            if (r instanceof ReadRequest.Decidable d && d.event().type() == EventType.CLUSTER_REQUESTED
                    && batch.pending().outcome(d.event().requestId()).isEmpty()) {
                ClusterRequested c = (ClusterRequested) d.event().data();
                if (batch.cluster(clusters, c.clusterId()).isEmpty()
                        && batch.networkFunction(networkFunctions, c.clusterId()).isEmpty()) {
                    bySite.computeIfAbsent(c.siteId(), k -> new ArrayList<>()).add(c);
                }
            }
        }
        Map<String, Decision> byCluster = new HashMap<>();
        for (Map.Entry<String, List<ClusterRequested>> e : bySite.entrySet()) {
            Optional<SiteWork> site = e.getValue().size() < 2 ? Optional.empty() : batch.site(e.getKey());
            if (site.isEmpty()) {
                continue;
            }
            List<ClusterRequest> requests;
            BurstDecisions.Choice choice;
            try {
                requests = e.getValue().stream().map(EngineRequests::of).toList();
                choice = BurstDecisions.decide(site.get().state(), requests, quotas(batch, requests), BurstDecisions.OPTIONS);
            } catch (RuntimeException ex) {
                // Never a reason to hold up the poll: its creates are decided one by one, as without bursts.
                LOG.warnf("site %s: a burst of %d creates could not be decided together (%s); one by one instead",
                        e.getKey(), e.getValue().size(), ex.toString());
                continue;
            }
            LOG.debugf("site %s: burst of %d creates, one by one %d on %d hosts, together %d on %d hosts: %s",
                    e.getKey(), requests.size(), choice.acceptedOne(), choice.hostsOne(), choice.acceptedAll(),
                    choice.hostsAll(), choice.batched() ? "together" : "one by one");
            if (choice.batched()) {
                for (int i = 0; i < requests.size(); i++) {
                    if (choice.decisions().get(i).accepted()) {
                        byCluster.put(requests.get(i).clusterId(), choice.decisions().get(i));
                    }
                }
            }
        }
        if (!byCluster.isEmpty()) {
            planned.put(batch, byCluster);
        }
    }

    /** The burst's decision for this create, if there is one and it still fits the site as it is now. */
    Optional<Decision> decision(Batch batch, SiteWork site, ClusterRequested request) {
        Map<String, Decision> byCluster = planned.get(batch);
        Decision d = byCluster == null ? null : byCluster.remove(request.clusterId());
        return d != null && fits(site.state(), d) ? Optional.of(d) : Optional.empty();
    }

    /**
     * The quotas of the burst's teams (only teams with limits have one), so that the batch placement
     * never plans past a limit. Their rows were locked when the poll was read (ADR 0032); the create
     * handler checks each decision again against what the batch holds when its turn comes.
     */
    private Map<String, TeamQuota> quotas(Batch batch, List<ClusterRequest> requests) throws SQLException {
        return teamQuotas.forTeams(batch, requests.stream().map(ClusterRequest::team).collect(Collectors.toSet()));
    }

    private static boolean fits(SiteState state, Decision d) {
        try {
            SiteState after = d.applyTo(state);
            for (Allocation a : d.placed()) {
                if (!after.host(a.hostId()).withinCapacity()) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false; // a holder id taken meanwhile
        }
    }
}
