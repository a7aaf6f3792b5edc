package io.edgefleet.agent.inventory.discovery;

/**
 * An SR-IOV physical function (a network interface that can make virtual functions).
 *
 * @param name      its interface name, e.g. {@code ens2f0}
 * @param numaNode  the NUMA node its PCI device is attached to (the kernel's -1, "no affinity
 *                  known", is read as node 0)
 * @param totalVfs  how many VFs it can make at most ({@code sriov_totalvfs})
 * @param vfs       how many VFs it has now ({@code sriov_numvfs}): what can be handed out
 */
public record SriovPf(String name, int numaNode, int totalVfs, int vfs) {
}
