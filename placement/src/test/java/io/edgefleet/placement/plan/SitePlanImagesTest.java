package io.edgefleet.placement.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Resources;
import io.edgefleet.placement.images.ImageCatalogue;
import io.edgefleet.placement.images.ImageCatalogues;
import io.edgefleet.placement.store.LiveCluster;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ADR 0034 in the plan: each microVM names the node image of its Kubernetes version, by digest, from the catalogue. */
class SitePlanImagesTest {
    private static final String D131 = "sha256:" + "31".repeat(32);
    private static final String D132 = "sha256:" + "32".repeat(32);

    private static Allocation controlPlane(String cluster, int replica, String host) {
        return new Allocation(cluster + "/cp-" + replica, HolderKind.CONTROL_PLANE, cluster, "team-a", host,
                Allocation.ANY_NUMA, Resources.ZERO);
    }

    private static SitePlan plan() {
        List<Allocation> allocations = List.of(controlPlane("c1", 0, "h1"), controlPlane("c2", 0, "h2"),
                controlPlane("c3", 0, "h3"));
        List<LiveCluster> clusters = List.of(new LiveCluster("c1", "team-a", "s1", "1.31.2", null),
                new LiveCluster("c2", "team-a", "s1", "v1.32", null), new LiveCluster("c3", "team-a", "s1", "1.30", null));
        return SitePlanBuilder.build("s1", 1, allocations, Map.of(), clusters, List.of(), List.of());
    }

    private static Map<String, PlannedMicroVm> byCluster(SitePlan plan) {
        return plan.microVms().stream().collect(Collectors.toMap(PlannedMicroVm::clusterId, Function.identity()));
    }

    @AfterEach
    void configuredAgain() {
        ImageCatalogues.useConfigured();
    }

    @Test
    void eachMicroVmNamesTheImageOfItsVersionAndTheContextKeepsIt() {
        ImageCatalogue catalogue = ImageCatalogue.parse("test", "kubernetes.1.31=" + D131 + "\nkubernetes.1.32=" + D132);
        ImageCatalogues.use(() -> catalogue);

        SitePlan plan = SitePlanBuilder.withContext(plan(), "h1", null, Map.of(), Map.of());

        Map<String, PlannedMicroVm> vms = byCluster(plan);
        assertEquals(D131, vms.get("c1").imageDigest(), "1.31.2 boots the 1.31 image");
        assertEquals(D132, vms.get("c2").imageDigest());
        assertNull(vms.get("c3").imageDigest(), "a version the catalogue does not name: the agent's configured image");
    }

    @Test
    void withoutACataloguePlansNameNoImage() {
        ImageCatalogues.use(null);

        assertEquals(List.of(), plan().microVms().stream().filter(vm -> vm.imageDigest() != null).toList());
    }
}
