package io.edgefleet.placement.intake;

import io.edgefleet.events.outcome.NetworkFunctionStatus;
import io.edgefleet.events.outcome.NetworkFunctionStatusChanged;
import io.edgefleet.events.report.NetworkFunctionReported;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.metrics.PlacementMetrics;
import io.edgefleet.placement.plan.SitePlanBuilder;
import io.edgefleet.placement.store.NetworkFunctionRow;
import io.edgefleet.placement.store.NetworkFunctionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Applies a site's report of how a network function's pods are doing: the NF's status becomes
 * DEPLOYING, RUNNING or FAILED with Kubernetes' reason, so an operator sees why an NF does not run
 * instead of a PLACED that never moves.
 *
 * <p>Only a live NF of the reporting site and cluster moves: a deleted one is never brought back,
 * and one placement failed for good (FAILED and holding no allocations) stays failed. A report-FAILED
 * NF keeps its allocations and its place in the plan: its pods may still recover, and a later report
 * moves it on.
 *
 * <p>The agent sends the report whenever the pods change and again at each refresh, so the same
 * report arrives many times: status and event change only when status or reason do.
 *
 * <p>The report's plan version is not compared with the NF's: placement keeps no plan version per NF,
 * and none is needed. A site's reports share one partition (their key is the site id), so they are
 * applied in the order the agent measured them, and each one is the agent's latest measurement of the
 * pods that exist; one measured before the NF's latest placement change is replaced by the next
 * refresh, at most one refresh period later. What must never happen cannot: the write is a
 * compare-and-set on the row as read, so a report never overrides a delete or placement's own
 * failure committed meanwhile.
 */
@ApplicationScoped
class NetworkFunctionReports {
    private static final Logger LOG = Logger.getLogger(NetworkFunctionReports.class);
    /** The statuses a report may move an NF from: placed and not being deleted. */
    private static final Set<NetworkFunctionStatus> REPORTABLE = EnumSet.of(NetworkFunctionStatus.PLACED,
            NetworkFunctionStatus.DEPLOYING, NetworkFunctionStatus.RUNNING, NetworkFunctionStatus.FAILED);

    @Inject
    NetworkFunctionStore networkFunctions;
    @Inject
    PlacementMetrics metrics;

    void apply(Batch batch, NetworkFunctionReported report) throws SQLException {
        Optional<NetworkFunctionRow> found = networkFunctions.find(batch.tx(), report.nfId());
        if (found.isEmpty() || !found.get().siteId().equals(report.siteId())
                || !found.get().clusterId().equals(report.clusterId())) {
            LOG.debugf("report of network function %s in cluster %s from site %s: no such network function there;"
                    + " ignored", report.nfId(), report.clusterId(), report.siteId());
            return;
        }
        NetworkFunctionRow nf = found.get();
        List<Allocation> held = batch.site(nf.siteId()).map(s -> s.state().allocationsOf(nf.nfId()))
                .orElse(List.of());
        if (!REPORTABLE.contains(nf.status()) || (nf.status() == NetworkFunctionStatus.FAILED && held.isEmpty())) {
            LOG.debugf("report of network function %s ignored: it is %s", nf.nfId(), nf.status());
            return;
        }
        NetworkFunctionStatus to = statusOf(report);
        String reason = to == NetworkFunctionStatus.RUNNING ? null : report.reason();
        if (!networkFunctions.updateStatusIfUnchanged(batch.tx(), nf, to, reason)) {
            return; // the same status and reason again, or the row changed meanwhile
        }
        metrics.lifecycle("network_function_" + to.name().toLowerCase(java.util.Locale.ROOT));
        batch.emit(new NetworkFunctionStatusChanged(nf.nfId(), nf.clusterId(), nf.team(), nf.siteId(), to, reason,
                SitePlanBuilder.replicas(held, nf.nfId()), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    private static NetworkFunctionStatus statusOf(NetworkFunctionReported report) {
        return switch (report.state()) {
            case DEPLOYING -> NetworkFunctionStatus.DEPLOYING;
            case RUNNING -> NetworkFunctionStatus.RUNNING;
            case FAILED -> NetworkFunctionStatus.FAILED;
        };
    }
}
