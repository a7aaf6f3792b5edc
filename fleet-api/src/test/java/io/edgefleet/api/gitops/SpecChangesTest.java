package io.edgefleet.api.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.request.ClusterUpgradeRequested;
import io.edgefleet.events.request.ControlPlane;
import io.edgefleet.events.request.NetworkFunctionKind;
import io.edgefleet.events.request.NetworkFunctionRequested;
import io.edgefleet.events.request.Workers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a changed spec asks for: a scale, an upgrade, or a report of what cannot change in place. */
class SpecChangesTest {
    private static Spec cluster(String id, String site, int replicas, int workers, String version, long cpMemory) {
        return new Spec("c/" + id + ".yaml", "b", new ClusterRequested(id, "team-a", site, version,
                new ControlPlane(replicas, 2, cpMemory, 20), Workers.bareMetal(workers), null, Map.of()));
    }

    @Test
    void replicaAndWorkerCountsAreAScaleAndTheVersionAnUpgrade() {
        SpecChanges.Plan plan = SpecChanges.changed(cluster("c1", "s", 1, 0, "1.31.2", 4096),
                cluster("c1", "s", 3, 0, "1.32.1", 4096));
        assertEquals(List.of("scale", "upgrade"), plan.asks().stream().map(SpecChanges.Ask::action).toList());
        ClusterScaleRequested scale = (ClusterScaleRequested) plan.asks().get(0).request();
        assertEquals(3, scale.controlPlaneReplicas());
        assertNull(scale.workerCount(), "an unchanged worker count is left out");
        assertEquals("1.32.1", ((ClusterUpgradeRequested) plan.asks().get(1).request()).kubernetesVersion());
        assertTrue(plan.notApplicable().isEmpty());

        SpecChanges.Plan workers = SpecChanges.changed(cluster("c1", "s", 1, 0, "1.31.2", 4096),
                cluster("c1", "s", 1, 2, "1.31.2", 4096));
        assertEquals(2, ((ClusterScaleRequested) workers.asks().get(0).request()).workerCount());
    }

    @Test
    void otherFieldsAreReportedAndAnIdentityChangeKeepsTheOldObject() {
        SpecChanges.Plan size = SpecChanges.changed(cluster("c1", "s", 1, 0, "1.31.2", 4096),
                cluster("c1", "s", 3, 0, "1.31.2", 8192));
        assertEquals(1, size.asks().size(), "the scale is still asked");
        assertEquals(List.of("controlPlane.memoryMib cannot change in place"), size.notApplicable());

        SpecChanges.Plan moved = SpecChanges.changed(cluster("c1", "s", 1, 0, "1.31.2", 4096),
                cluster("c1", "other", 3, 0, "1.31.2", 4096));
        assertTrue(moved.asks().isEmpty());
        assertTrue(moved.keepOld());
        assertTrue(moved.notApplicable().get(0).startsWith("siteId cannot change in place"), moved.toString());

        Spec nf = new Spec("n.yaml", "b", new NetworkFunctionRequested("upf-1", "team-a", "s", "c1",
                NetworkFunctionKind.UPF, 1, 4, 2, 2048, Map.of()));
        Spec nf2 = new Spec("n.yaml", "b2", new NetworkFunctionRequested("upf-1", "team-a", "s", "c1",
                NetworkFunctionKind.UPF, 2, 4, 2, 2048, Map.of()));
        assertEquals(List.of("replicas cannot change in place"), SpecChanges.changed(nf, nf2).notApplicable());
    }

    @Test
    void aRemovedSpecIsADeleteOfWhatItMade() {
        SpecChanges.Plan plan = SpecChanges.removed(cluster("c1", "s", 1, 0, "1.31.2", 4096), "removed from repo");
        ClusterDeleteRequested delete = (ClusterDeleteRequested) plan.asks().get(0).request();
        assertEquals("c1", delete.clusterId());
        assertEquals("s", delete.siteId());
        assertEquals("removed from repo", delete.reason());
    }
}
