package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.inventory.AgentInventory;
import io.edgefleet.agent.inventory.Host;
import io.edgefleet.agent.inventory.SiteInventory;
import io.edgefleet.events.plan.SitePlan;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The part of a site's plan this agent runs. A site-wide agent ({@link #wholeSite()}) runs all of
 * it. A host's agent ({@link #host}) runs the microVMs planned on its host, and the site-level
 * steps (cluster API calls, network-function pods, cluster bootstrap reports) only while the plan
 * names its host for them; a plan naming none leaves them to the lowest host id of the site's
 * inventory, so exactly one agent of the site runs them and no election is needed.
 *
 * @param hostId             this agent's host, or null for a site-wide agent
 * @param siteStepsByDefault the host that runs the site-level steps when a plan names none
 */
public record HostScope(String hostId, String siteStepsByDefault) {

    /** One agent drives the whole site (every host, every step), as before host agents. */
    public static HostScope wholeSite() {
        return new HostScope(null, null);
    }

    /** The agent of {@code hostId}, which must be a host of the inventory (a clear error otherwise). */
    public static HostScope host(String hostId, SiteInventory inventory, String inventorySource) {
        AgentInventory.requireHost(inventory, hostId, inventorySource);
        String lowest = inventory.hosts().stream().map(Host::id).min(Comparator.naturalOrder()).orElseThrow();
        return new HostScope(hostId, lowest);
    }

    public boolean isWholeSite() {
        return hostId == null;
    }

    /** Whether this agent runs the plan's site-level steps now. */
    public boolean runsSiteSteps(SitePlan plan) {
        if (isWholeSite()) {
            return true;
        }
        String named = plan.siteStepsHostId() != null ? plan.siteStepsHostId() : siteStepsByDefault;
        return hostId.equals(named);
    }

    /** The plan with only the microVMs this agent runs (clusters and network functions kept, for context). */
    public SitePlan ownPart(SitePlan plan) {
        if (isWholeSite()) {
            return plan;
        }
        return new SitePlan(plan.siteId(), plan.version(), plan.generatedAt(),
                plan.microVms().stream().filter(vm -> hostId.equals(vm.hostId())).toList(), plan.clusters(),
                plan.networkFunctions(), plan.siteStepsHostId(), plan.network());
    }

    /** The measured microVMs this agent answers for: those on its host. */
    public List<MicroVmStatus> own(List<MicroVmStatus> measured) {
        return isWholeSite() ? measured : measured.stream().filter(s -> Objects.equals(hostId, s.hostId())).toList();
    }
}
