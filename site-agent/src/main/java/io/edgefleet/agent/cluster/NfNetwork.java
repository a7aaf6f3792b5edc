package io.edgefleet.agent.cluster;

import java.util.Objects;

/**
 * The NetworkAttachmentDefinition ({@code k8s.cni.cncf.io/v1}) of one physnet's VFs in a cluster's
 * network-function namespace, ready to be written: Multus attaches a VF of {@link #resourceName} with
 * the SR-IOV CNI configured by {@link #cniConfig} to every pod that names it.
 *
 * @param name         {@code sriov-<physnet>}, what pods name in their networks annotation
 * @param namespace    the team's network-function namespace
 * @param physnet      the physical network its VFs are on
 * @param resourceName the device plugin's resource the VFs come from (annotation {@link #RESOURCE_NAME})
 * @param cniConfig    the CNI configuration, JSON ({@code spec.config})
 * @param specHash     hash of everything above, to see a changed configuration
 */
public record NfNetwork(String name, String namespace, String physnet, String resourceName, String cniConfig,
                        String specHash) {
    /** The annotation by which Multus asks the device plugin's VFs for a pod that attaches the network. */
    public static final String RESOURCE_NAME = "k8s.v1.cni.cncf.io/resourceName";

    public NfNetwork {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(cniConfig, "cniConfig");
    }
}
