package io.edgefleet.placement.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.placement.engine.model.Allocation;
import io.edgefleet.placement.engine.model.HolderKind;
import io.edgefleet.placement.engine.model.Resources;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpgradePathTest {

    private static void allowed(String from, String to) {
        assertEquals(Optional.empty(), UpgradePath.refusal(from, to), from + " -> " + to);
    }

    private static String refused(String from, String to) {
        Optional<String> why = UpgradePath.refusal(from, to);
        assertTrue(why.isPresent(), from + " -> " + to + " was allowed");
        return why.get();
    }

    @Test
    void theNextMinorOrALaterPatchOfTheSameMinorIsAStep() {
        allowed("1.31.2", "1.32");
        allowed("1.31", "v1.32.0");
        allowed("v1.31.2", "1.31.3");
        allowed("1.31.2", "v1.31.9");
    }

    @Test
    void aSkippedMinorADowngradeOrNoChangeIsRefusedNamingBothVersions() {
        String skip = refused("1.31.2", "1.33");
        assertTrue(skip.contains("may not skip a minor") && skip.contains("upgrade to 1.32 first"), skip);
        assertTrue(skip.contains("from 1.31.2 to 1.33"), skip);
        String down = refused("1.32", "1.31.5");
        assertTrue(down.contains("downgrade") && down.contains("from 1.32 to 1.31.5"), down);
        assertTrue(refused("1.31.4", "v1.31.3").contains("downgrade"));
        assertTrue(refused("1.31.4", "v1.31.4").contains("already runs 1.31.4"));
        assertTrue(refused("1.31", "1.31").contains("already runs 1.31"));
        assertTrue(refused("1.31", "1.31.7").contains("follows the newest patch"));
        assertTrue(refused("1.31.2", "1.31").contains("names its patch, e.g. 1.31.3"));
        assertTrue(refused("1.31", "2.0").contains("major"));
        assertTrue(refused("1.31", "latest").contains("'latest' is not a Kubernetes version"));
    }

    @Test
    void theControlPlaneRollsFirstOldestFirstThenWorkerMicroVmsAndNeverBareMetal() {
        List<Allocation> held = List.of(vm("c/w-0", HolderKind.WORKER_VM), vm("c/cp-2", HolderKind.CONTROL_PLANE),
                vm("c/cp-10", HolderKind.CONTROL_PLANE), vm("c/cp-1", HolderKind.CONTROL_PLANE),
                new Allocation("c/w-1", HolderKind.WORKER_BAREMETAL, "c", "t", "h9", Allocation.ANY_NUMA, Resources.ZERO));
        assertEquals("c/cp-1", RollOrder.next(held, Set.of()).orElseThrow().holderId());
        assertEquals("c/cp-10", RollOrder.next(held, Set.of("c/cp-1", "c/cp-2")).orElseThrow().holderId(),
                "by index, not by name");
        assertEquals("c/w-0", RollOrder.next(held, Set.of("c/cp-1", "c/cp-2", "c/cp-10")).orElseThrow().holderId());
        assertEquals(Optional.empty(), RollOrder.next(held, Set.of("c/cp-1", "c/cp-2", "c/cp-10", "c/w-0")),
                "a bare-metal worker is not rolled");
        assertEquals(2, RollOrder.left(held, Set.of("c/cp-1"), HolderKind.CONTROL_PLANE));
    }

    @Test
    void theStepNameAndProgressSayWhereTheRollIs() {
        UpgradeRow row = new UpgradeRow("c", "s", "1.31", "1.32", UpgradeRow.ROLLING, UpgradeRow.ADDING, 2, 3, 1,
                null, null, null, null, null, null, List.of(), null, null, null);
        assertEquals("upgrading 1.31 -> 1.32: control plane replica 2 of 3", row.progress());
        UpgradeRow worker = new UpgradeRow("c", "s", "1.31", "1.32", UpgradeRow.ROLLING, null, 4, 3, 1,
                null, null, null, null, null, null, List.of(), null, null, null);
        assertEquals("worker 1 of 1", worker.stepName());
    }

    private static Allocation vm(String holder, HolderKind kind) {
        return new Allocation(holder, kind, "c", "t", "h1", Allocation.ANY_NUMA, Resources.microVm(2, 4096, 20));
    }
}
