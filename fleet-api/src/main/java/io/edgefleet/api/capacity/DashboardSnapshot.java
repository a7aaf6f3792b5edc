package io.edgefleet.api.capacity;

import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.outcome.NetworkFunctionStatusChanged;
import java.time.Instant;
import java.util.List;

/** Everything the dashboard draws, as the caller may see it; sent whole on every change. */
public record DashboardSnapshot(Instant generatedAt, FleetSummary summary, List<SitePanel> sites,
                                List<ClusterStatusChanged> clusters,
                                List<NetworkFunctionStatusChanged> networkFunctions) {
    /** One site with its hosts. */
    public record SitePanel(SiteView site, List<HostView> hosts) {
    }
}
