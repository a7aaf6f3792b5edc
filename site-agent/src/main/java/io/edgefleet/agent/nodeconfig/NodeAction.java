package io.edgefleet.agent.nodeconfig;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a changed configuration file takes before it counts, in the order the actions run: systemd re-reads
 * the kubelet's unit drop-in, the kubelet is stopped, its checkpoints removed and started, the device plugin
 * restarted.
 */
public enum NodeAction {
    DAEMON_RELOAD,
    /**
     * The CPU and memory managers' checkpoints ({@code cpu_manager_state}, {@code memory_manager_state}) record
     * the policy, the reserved CPUs and each NUMA node's memory the kubelet last ran with. A kubelet whose
     * configuration changed {@code cpuManagerPolicy}, {@code reservedSystemCPUs}, {@code memoryManagerPolicy}
     * or {@code reservedMemory} finds its checkpoint disagreeing and refuses to start; removed, they are
     * written afresh from the new configuration and the running pods.
     */
    RESET_KUBELET_CHECKPOINTS,
    RESTART_KUBELET,
    RESTART_DEVICE_PLUGIN;

    /** What a change of the file at {@code path} takes. */
    public static Set<NodeAction> after(String path, KubeletDropIn dropIn) {
        if (path.equals(dropIn.pinningFile())) {
            return EnumSet.of(RESET_KUBELET_CHECKPOINTS, RESTART_KUBELET);
        }
        if (path.equals(KubeletDropIn.PATH)) {
            return EnumSet.of(DAEMON_RELOAD, RESTART_KUBELET);
        }
        if (path.equals(SriovDevicePluginConfig.PATH)) {
            return EnumSet.of(RESTART_DEVICE_PLUGIN);
        }
        throw new IllegalArgumentException(path + " is not a node configuration file");
    }
}
