package io.edgefleet.agent.nodeconfig;

import java.util.Objects;

/**
 * One SR-IOV physical function of a node host and the physical network it is cabled to.
 *
 * @param physnet the physical network ({@code physnet-a}), from the inventory's {@code physnetsByPf}
 * @param pf      its interface name ({@code ens1f0})
 * @param vfs     how many virtual functions it has now (discovery's {@code sriov_numvfs}); all of them are
 *                handed to the device plugin as VF indexes {@code 0 .. vfs-1}
 */
public record PhysnetPf(String physnet, String pf, int vfs) {
    public PhysnetPf {
        Objects.requireNonNull(physnet, "physnet");
        Objects.requireNonNull(pf, "pf");
        if (pf.isBlank() || pf.contains("#") || pf.contains(",")) {
            // '#' and ',' separate the VF list in the plugin's pfNames selector.
            throw new IllegalArgumentException("pfNames: '" + pf + "' is not an interface name");
        }
        if (vfs < 0) {
            throw new IllegalArgumentException("pfNames: " + pf + " has a negative VF count " + vfs);
        }
    }
}
