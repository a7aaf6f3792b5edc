package io.edgefleet.placement.consolidation;

import io.edgefleet.events.outcome.ConsolidationState;
import io.edgefleet.events.request.SiteConsolidateRequested;
import io.edgefleet.placement.intake.Batch;
import io.edgefleet.placement.intake.Outcome;
import io.edgefleet.placement.intake.SiteWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides a site consolidation request (ADR 0031) in the request batch's transaction. DRY_RUN plans
 * and stores the plan (PLANNED); APPLY performs a stored plan after checking it still holds, or a
 * fresh one, starting its first moves (APPLYING; {@link ConsolidationProgress} does the rest);
 * CANCEL drops the moves not started (CANCELLED). One consolidation per site moves at a time.
 */
@ApplicationScoped
public class ConsolidateHandler {
    @Inject
    ConsolidationStore store;
    @Inject
    MoveStarter starter;
    @Inject
    ConsolidationMetrics metrics;

    @ConfigProperty(name = "edgefleet.placement.consolidation.budget", defaultValue = "200ms")
    Duration budget;

    public Outcome handle(Batch batch, String requestId, SiteConsolidateRequested request) throws SQLException {
        Optional<SiteWork> found = batch.site(request.siteId());
        if (found.isEmpty()) {
            return Outcome.reject("SITE_UNKNOWN", "site " + request.siteId() + " is not known to placement:"
                    + " its agent has never reported");
        }
        SiteWork site = found.get();
        return switch (request.action()) {
            case DRY_RUN -> dryRun(batch, site, requestId, request.maxMoves());
            case APPLY -> apply(batch, site, requestId, request);
            case CANCEL -> cancel(batch, site);
        };
    }

    private Outcome dryRun(Batch batch, SiteWork site, String requestId, Integer maxMoves) throws SQLException {
        Consolidation c = Consolidation.planned(requestId, site.siteId(), ConsolidationState.PLANNED,
                new ConsolidationPlanner(budget).plan(site.state(), maxMoves));
        store.insert(batch.tx(), c);
        batch.emit(c.event());
        metrics.ended(ConsolidationState.PLANNED);
        return Outcome.accept();
    }

    private Outcome apply(Batch batch, SiteWork site, String requestId, SiteConsolidateRequested request)
            throws SQLException {
        Optional<Consolidation> running = store.applying(batch.tx(), site.siteId());
        if (running.isPresent()) {
            Consolidation r = running.get();
            return Outcome.reject("CONSOLIDATION_UNDER_WAY", "site " + site.siteId() + " has consolidation "
                    + r.requestId() + " under way (" + r.count(PlannedMove.Phase.DONE) + " of " + r.moves().size()
                    + " moves done); cancel it or wait until it ends");
        }
        Consolidation c;
        boolean stored = request.planId() != null;
        if (stored) {
            Optional<Consolidation> plan = store.find(batch.tx(), request.planId());
            if (plan.isEmpty() || !plan.get().siteId().equals(site.siteId())) {
                return Outcome.reject("UNKNOWN_PLAN", "site " + site.siteId() + " has no dry run "
                        + request.planId() + "; run a dry run and apply its request id", List.of("$.planId"));
            }
            if (plan.get().state() != ConsolidationState.PLANNED) {
                return Outcome.reject("PLAN_USED", "dry run " + request.planId() + " of site " + site.siteId()
                        + " was already applied (" + plan.get().state() + "); run a new dry run", List.of("$.planId"));
            }
            Optional<String> stale = PlanCheck.stale(site.state(), plan.get().moves(), plan.get().hostsToFree());
            if (stale.isPresent()) {
                return Outcome.reject("PLAN_STALE", "site " + site.siteId() + " changed since dry run "
                        + request.planId() + ": " + stale.get() + "; run a new dry run", List.of("$.planId"));
            }
            c = plan.get().with(ConsolidationState.APPLYING, plan.get().moves(), List.of(), null);
        } else {
            c = Consolidation.planned(requestId, site.siteId(), ConsolidationState.APPLYING,
                    new ConsolidationPlanner(budget).plan(site.state(), request.maxMoves()));
        }
        if (c.moves().isEmpty()) {
            c = c.with(ConsolidationState.DONE, c.moves(), List.of(), "nothing to move: no host in use can be emptied");
            metrics.ended(ConsolidationState.DONE);
        } else {
            c = c.with(ConsolidationState.APPLYING, starter.startNext(batch, site, c), List.of(), null);
        }
        if (stored) {
            store.update(batch.tx(), c);
        } else {
            store.insert(batch.tx(), c);
        }
        batch.emit(c.event());
        return Outcome.accept();
    }

    private Outcome cancel(Batch batch, SiteWork site) throws SQLException {
        Optional<Consolidation> running = store.applying(batch.tx(), site.siteId());
        if (running.isEmpty()) {
            return Outcome.reject("NOTHING_TO_CANCEL", "site " + site.siteId() + " has no consolidation under way");
        }
        Consolidation c = running.get();
        long dropped = c.count(PlannedMove.Phase.PENDING);
        long underWay = c.count(PlannedMove.Phase.STARTED);
        List<PlannedMove> moves = c.moves().stream()
                .map(m -> m.phase() == PlannedMove.Phase.PENDING ? m.in(PlannedMove.Phase.DROPPED) : m).toList();
        c = c.with(ConsolidationState.CANCELLED, moves, ConsolidationProgress.emptyNow(site, c),
                "cancelled: " + dropped + " moves not started were dropped, " + underWay + " under way complete");
        store.update(batch.tx(), c);
        batch.emit(c.event());
        metrics.ended(ConsolidationState.CANCELLED);
        return Outcome.accept();
    }
}
