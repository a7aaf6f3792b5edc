package io.edgefleet.placement.consolidation;

import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.intake.Batch;
import io.edgefleet.placement.intake.ClusterAnnouncer;
import io.edgefleet.placement.intake.DecisionWriter;
import io.edgefleet.placement.intake.SiteWork;
import io.edgefleet.placement.store.AllocationDetail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts a consolidation's next moves, the way a network function's displacement moves microVMs:
 * the new allocation is placed (a new microVM id) and the old microVM stays in the site's plan as
 * retiring until the new one reports RUNNING ({@link DecisionWriter} with make-before-break).
 * At most {@code parallel-moves} moves run at once, so a cancel still has moves to stop and a
 * site never has more than that many microVMs doubled.
 */
@ApplicationScoped
public class MoveStarter {
    @Inject
    DecisionWriter writer;
    @Inject
    ClusterAnnouncer announcer;

    @ConfigProperty(name = "edgefleet.placement.consolidation.parallel-moves", defaultValue = "2")
    int parallelMoves;

    /**
     * Starts pending moves, in order, until {@code parallel-moves} run; returns the moves with their
     * new phases. The caller checked that the pending moves still hold ({@link PlanCheck}).
     */
    List<PlannedMove> startNext(Batch batch, SiteWork site, Consolidation c) throws SQLException {
        long running = c.count(PlannedMove.Phase.STARTED);
        List<Allocation> placed = new ArrayList<>();
        List<Allocation> released = new ArrayList<>();
        List<Integer> starting = new ArrayList<>();
        for (int i = 0; i < c.moves().size() && running + starting.size() < parallelMoves; i++) {
            PlannedMove m = c.moves().get(i);
            if (m.phase() == PlannedMove.Phase.PENDING) {
                Allocation current = site.state().allocation(m.holderId());
                placed.add(m.target(current));
                released.add(current);
                starting.add(i);
            }
        }
        if (starting.isEmpty()) {
            return c.moves();
        }
        Decision decision = Decision.of(placed, released);
        writer.write(batch, site, decision, true);
        announcer.announceMoves(batch, site, decision, "moved by the consolidation of site " + c.siteId());
        List<PlannedMove> out = new ArrayList<>(c.moves());
        for (int i : starting) {
            PlannedMove m = out.get(i);
            AllocationDetail d = site.details().get(m.holderId());
            out.set(i, m.started(d == null ? null : d.microVmId()));
        }
        return out;
    }
}
