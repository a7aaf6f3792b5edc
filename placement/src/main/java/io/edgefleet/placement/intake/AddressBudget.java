package io.edgefleet.placement.intake;

import io.edgefleet.events.plan.Ipv4;
import io.edgefleet.events.plan.SiteNetwork;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.store.AddressStore;
import io.edgefleet.placement.store.PlanContextStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;

/**
 * Refuses a decision that would leave a microVM or a cluster's API VIP without an address
 * (ADR 0020): every live microVM of a site with a network holds one address of its range, retiring
 * ones included, and every live cluster one more for its VIP, so the site's microVMs and clusters
 * after the decision must fit in the range (gateway excluded).
 */
@ApplicationScoped
class AddressBudget {
    @Inject
    PlanContextStore planContext;
    @Inject
    AddressStore addresses;

    /** A rejection when the site's range cannot hold its microVMs and VIPs after {@code decision}; none otherwise. */
    Optional<Outcome> check(Batch batch, SiteWork site, Decision decision) throws SQLException {
        if (decision.placed().stream().noneMatch(a -> a.kind().isMicroVm())) {
            return Optional.empty();
        }
        SiteNetwork network = planContext.of(batch.tx(), site.siteId()).network();
        if (network == null) {
            return Optional.empty();
        }
        long first = Ipv4.parse(network.firstAddress());
        long last = Ipv4.parse(network.lastAddress());
        long gateway = Ipv4.parse(network.gateway());
        long size = last - first + 1 - (gateway >= first && gateway <= last ? 1 : 0);
        Collection<Allocation> after = decision.applyTo(site.state()).allocations();
        long microVms = after.stream().filter(a -> a.kind().isMicroVm()).count()
                + addresses.retiring(batch.tx(), site.siteId());
        // Every live cluster has a control plane on its site: one VIP per owner of one.
        long vips = after.stream().filter(a -> a.kind() == HolderKind.CONTROL_PLANE)
                .map(Allocation::ownerId).distinct().count();
        if (microVms + vips <= size) {
            return Optional.empty();
        }
        return Optional.of(Outcome.reject("NO_FREE_ADDRESS", "site " + site.siteId()
                + " has no free management address in " + network.firstAddress() + "-" + network.lastAddress()
                + " (" + size + " addresses for " + microVms + " microVMs and " + vips + " cluster VIPs); widen the"
                + " range in the site inventory or delete microVMs first"));
    }
}
