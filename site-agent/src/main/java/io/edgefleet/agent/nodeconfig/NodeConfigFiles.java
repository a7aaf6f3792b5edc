package io.edgefleet.agent.nodeconfig;

import java.util.List;

/**
 * Every file that configures a bare-metal node host for pinned network functions, with where it goes. The
 * kubelet reads its files only at start: whoever writes them restarts it when one changed.
 */
public final class NodeConfigFiles {

    /** One file to write on the host. */
    public record File(String path, String content) {
    }

    private NodeConfigFiles() {
    }

    /** The kubelet's pinning configuration, its systemd drop-in and the SR-IOV device plugin's configuration. */
    public static List<File> render(NodeHost host, KubeletDropIn dropIn, SriovDevicePluginConfig sriov) {
        return List.of(
                new File(dropIn.pinningFile(), KubeletPinningConfig.yaml(host)),
                new File(KubeletDropIn.PATH, dropIn.text()),
                new File(SriovDevicePluginConfig.PATH, sriov.json(host)));
    }
}
