package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Desired (a plan) against actual (what the driver measured) gives the steps, as a pure function.
 * Creates come first, deletes last: a replacement boots before what it replaces goes away.
 */
public final class ReconcilePlanner {
    private final String kernelImage;
    private final String rootfsPattern;

    public ReconcilePlanner(String kernelImage, String rootfsPattern) {
        this.kernelImage = kernelImage;
        this.rootfsPattern = rootfsPattern;
    }

    public List<Step> steps(SitePlan desired, List<MicroVmStatus> actual) {
        Set<String> running = actual.stream().map(MicroVmStatus::microVmId).collect(Collectors.toSet());
        Set<String> wanted = desired.microVms().stream().map(PlannedMicroVm::microVmId).collect(Collectors.toSet());
        List<Step> steps = new ArrayList<>();
        for (PlannedMicroVm vm : desired.microVms()) {
            if (!running.contains(vm.microVmId())) {
                steps.add(new CreateMicroVm(spec(vm)));
            }
        }
        for (MicroVmStatus vm : actual) {
            if (!wanted.contains(vm.microVmId())) {
                steps.add(new DeleteMicroVm(vm.microVmId()));
            }
        }
        return steps;
    }

    MicroVmSpec spec(PlannedMicroVm vm) {
        return new MicroVmSpec(vm.microVmId(), vm.clusterId(), vm.hostId(), vm.vcpu(), (int) vm.memoryMib(),
                vm.diskGib(), kernelImage, rootfsPattern.replace("{version}", vm.kubernetesVersion()),
                "console=ttyS0 reboot=k panic=1 pci=off", List.of());
    }
}
