package io.edgefleet.placement.quota;

import io.edgefleet.events.outcome.TeamQuotaChanged;
import io.edgefleet.events.request.TeamQuotaSet;
import io.edgefleet.placement.intake.Batch;
import io.edgefleet.placement.intake.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Decides a {@code TeamQuotaSet}: stores the team's new limits, replacing the old ones as a whole.
 * A limit below what the team holds is accepted (nothing is taken away; the team can shrink, not
 * grow), and later requests of the same batch are already held to it. The new limits are published
 * as a {@code TeamQuotaChanged} through the batch's outbox, so they reach the read side exactly when
 * the transaction that stored them commits.
 */
@ApplicationScoped
public class TeamQuotaSetHandler {
    private static final Logger LOG = Logger.getLogger(TeamQuotaSetHandler.class);

    @Inject
    TeamQuotaStore store;
    @Inject
    TeamQuotas quotas;

    public Outcome handle(Batch batch, String requestId, TeamQuotaSet request) throws SQLException {
        String negative = negative(request);
        if (negative != null) {
            // The contract's validation refuses these before here; kept so a bad record never becomes a limit.
            return Outcome.reject("INVALID_REQUEST", "a quota limit is 0 or more; " + negative + " is negative",
                    List.of("$." + negative));
        }
        QuotaLimits limits = new QuotaLimits(request.vcpu(), request.memoryMib(), request.pinnedCores(),
                request.clusters());
        store.upsert(batch.tx(), request.team(), limits);
        quotas.limitsSet(batch, request.team(), limits);
        batch.emit(new TeamQuotaChanged(request.team(), limits.vcpu(), limits.memoryMib(), limits.pinnedCores(),
                limits.clusters(), requestId, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        LOG.infof("team %s quota set: vcpu %s, memory-mib %s, pinned-cores %s, clusters %s", request.team(),
                text(request.vcpu()), text(request.memoryMib()), text(request.pinnedCores()), text(request.clusters()));
        return Outcome.accept();
    }

    private static String negative(TeamQuotaSet r) {
        if (r.vcpu() != null && r.vcpu() < 0) {
            return "vcpu";
        } else if (r.memoryMib() != null && r.memoryMib() < 0) {
            return "memoryMib";
        } else if (r.pinnedCores() != null && r.pinnedCores() < 0) {
            return "pinnedCores";
        } else if (r.clusters() != null && r.clusters() < 0) {
            return "clusters";
        }
        return null;
    }

    private static String text(Number limit) {
        return limit == null ? "unlimited" : limit.toString();
    }
}
