package io.edgefleet.agent.cluster;

import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.SitePlan;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * etcd for simulated clusters: every planned control-plane microVM that runs is a voting member, as kubeadm's
 * join makes it, so a local fleet's READY waits for the same member count a real one does.
 */
public final class SimulatedEtcd implements ClusterEtcd {
    private final MicroVmDriver driver;

    public SimulatedEtcd(MicroVmDriver driver) {
        this.driver = driver;
    }

    @Override
    public EtcdState observe(SitePlan plan, PlannedCluster cluster) {
        Set<String> running = driver.list().stream().filter(s -> s.state() == MicroVmState.RUNNING)
                .map(MicroVmStatus::microVmId).collect(Collectors.toSet());
        return new EtcdState(true, cluster.controlPlaneMicroVmIds().stream().filter(running::contains).toList(),
                java.util.List.of(), null);
    }

    @Override
    public String reconcile(SitePlan plan, PlannedCluster cluster, Set<String> registeredNodes) {
        return "members follow the running control-plane microVMs";
    }
}
