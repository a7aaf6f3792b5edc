package io.edgefleet.placement;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.Topics;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a rolling upgrade's plans and statuses hold, read from the topics: for {@link ClusterUpgradeTest}. */
final class RollingPlans {
    private RollingPlans() {
    }

    static PlannedCluster cluster(SitePlan plan, String clusterId) {
        return plan.clusters().stream().filter(c -> c.clusterId().equals(clusterId)).findFirst().orElseThrow();
    }

    static List<String> ids(SitePlan plan, String clusterId, boolean controlPlane) {
        Optional<PlannedCluster> c = plan.clusters().stream().filter(x -> x.clusterId().equals(clusterId)).findFirst();
        return c.map(x -> controlPlane ? x.controlPlaneMicroVmIds() : x.workerMicroVmIds()).orElse(List.of());
    }

    static int count(SitePlan plan, String clusterId, boolean controlPlane) {
        return ids(plan, clusterId, controlPlane).size();
    }

    /** The microVM of {@code plan} that {@code earlier} did not have. */
    static PlannedMicroVm newest(SitePlan plan, String clusterId, boolean controlPlane, SitePlan earlier) {
        List<String> had = ids(earlier, clusterId, controlPlane);
        return plan.microVms().stream().filter(vm -> ids(plan, clusterId, controlPlane).contains(vm.microVmId())
                && !had.contains(vm.microVmId())).findFirst().orElseThrow();
    }

    /** The newest plan of the site so far. */
    static SitePlan latest(Flow flow, String siteId) {
        List<SitePlan> plans = all(flow, siteId);
        return plans.get(plans.size() - 1);
    }

    /** Every plan of the site so far, oldest first. */
    static List<SitePlan> all(Flow flow, String siteId) {
        List<SitePlan> out = new ArrayList<>();
        flow.kafka.all(Topics.SITE_PLANS, r -> siteId.equals(r.key()), Duration.ofSeconds(2))
                .forEach(r -> out.add(Flow.plan(r)));
        out.sort((a, b) -> Long.compare(a.version(), b.version()));
        return out;
    }

    /** Every status of the cluster so far. */
    static List<JsonNode> statuses(Flow flow, String clusterId) {
        List<JsonNode> out = new ArrayList<>();
        flow.kafka.all(Topics.CLUSTER_STATUS, r -> clusterId.equals(r.headers().get(CloudEventHeaders.SUBJECT)),
                Duration.ofSeconds(2)).forEach(r -> out.add(Flow.json(r)));
        return out;
    }
}
