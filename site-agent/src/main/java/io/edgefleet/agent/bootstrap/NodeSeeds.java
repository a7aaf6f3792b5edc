package io.edgefleet.agent.bootstrap;

import io.edgefleet.agent.driver.GuestSeed;

/**
 * Renders the cloud-init NoCloud seed that makes one microVM a Kubernetes node with kubeadm: the user-data
 * ({@link CloudConfig}, which carries the kubeadm configuration, the kube-vip manifest and the PKI), the
 * network-config ({@link NetworkConfig}) and the meta-data ({@link MetaData}). Pure: the same bootstrap always
 * renders the same seed, byte for byte.
 */
public final class NodeSeeds {
    private NodeSeeds() {
    }

    /** The production seed. */
    public static GuestSeed render(NodeBootstrap node) {
        return render(node, SeedOptions.PRODUCTION);
    }

    public static GuestSeed render(NodeBootstrap node, SeedOptions options) {
        Inputs.required(node, "node");
        Inputs.required(options, "options");
        String userData = CloudConfig.render(node, options);
        String networkConfig = NetworkConfig.render(node.address(), options.nameservers());
        String metaData = MetaData.render(node.microVmId(), userData, networkConfig);
        return new GuestSeed(metaData, userData, networkConfig);
    }
}
