package io.edgefleet.agent.cluster;

import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a planned network function into one pod per replica (pure), and names what those pods need in
 * their cluster first: the team's namespace and one network attachment per physnet.
 *
 * @param namespacePrefix namespace of network-function pods, before the team: {@code edgefleet-nf} puts the
 *                        pods of team-a's clusters into {@code edgefleet-nf-team-a}
 * @param images          container image of each kind and vendor
 * @param sriovPrefix     SR-IOV device-plugin resource prefix, e.g. {@code intel.com}: a physnet's VFs are
 *                        requested as {@code intel.com/sriov_physnet_a} (see {@link #resourceName})
 */
public record NfPods(String namespacePrefix, NfImages images, String sriovPrefix) {

    /** Pods whose image comes from one pattern; {@code {kind}} becomes upf, du or cu (see {@link NfImages}). */
    public NfPods(String namespacePrefix, String imagePattern, String sriovPrefix) {
        this(namespacePrefix, NfImages.pattern(imagePattern), sriovPrefix);
    }

    /** Name of the managed-by label every agent-made object carries. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "edgefleet-site-agent";
    public static final String NF_ID = "edgefleet.io/nf-id";
    public static final String NF_REPLICA = "edgefleet.io/nf-replica";
    public static final String SPEC_HASH = "edgefleet.io/spec-hash";
    /** Multus' pod annotation: the network attachments a pod gets, one per VF. */
    public static final String NETWORKS_ANNOTATION = "k8s.v1.cni.cncf.io/networks";

    /**
     * The SR-IOV device plugin's resource name of a physnet's VFs, without prefix: {@code sriov_} and the
     * physnet with every character other than a letter or digit replaced by {@code _}, because the plugin
     * accepts only {@code [A-Za-z0-9_]} there ({@code physnet-a} gives {@code sriov_physnet_a}). The plugin's
     * configuration on each node host and the pods' requests both come from this one rule.
     */
    public static String resourceName(String physnet) {
        return "sriov_" + physnet.replaceAll("[^A-Za-z0-9]", "_");
    }

    /** What a pod requests for a physnet's VFs, and a NAD names in its resourceName annotation. */
    public String requestedResource(String physnet) {
        return resourcePrefix() + "/" + resourceName(physnet);
    }

    /**
     * The prefix alone ({@code intel.com}). A configuration from before the resource-name rule gave the prefix
     * with the name's start ({@code intel.com/sriov_}); that start is dropped so it keeps meaning the same.
     */
    public String resourcePrefix() {
        String prefix = sriovPrefix.endsWith("sriov_") ? sriovPrefix.substring(0, sriovPrefix.length() - 6) : sriovPrefix;
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    /** The namespace of a cluster's network-function pods and attachments: the prefix and the cluster's team. */
    public String namespace(PlannedCluster cluster) {
        String team = cluster.team() == null ? "" : cluster.team().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        String name = team.isBlank() ? namespacePrefix : namespacePrefix + "-" + team;
        // DNS-1123 label: at most 63 characters, ending in a letter or digit.
        name = name.length() > 63 ? name.substring(0, 63) : name;
        return name.replaceAll("-+$", "");
    }

    /** The NetworkAttachmentDefinition of a physnet's VFs (DNS-1123: {@code physnet_a} gives {@code sriov-physnet-a}). */
    public static String networkName(String physnet) {
        return "sriov-" + physnet.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    /** The pods of a network function of the cluster, one per replica. */
    public List<NfPod> of(PlannedCluster cluster, PlannedNetworkFunction nf) {
        String namespace = namespace(cluster);
        List<NfPod> pods = new ArrayList<>();
        for (PlannedNfReplica r : nf.replicas()) {
            Map<String, Integer> sriov = new TreeMap<>();
            List<String> networks = new ArrayList<>();
            new TreeMap<>(r.vfsByPhysnet()).forEach((physnet, vfs) -> {
                if (vfs > 0) {
                    sriov.put(requestedResource(physnet), vfs);
                    for (int i = 0; i < vfs; i++) {
                        networks.add(networkName(physnet));
                    }
                }
            });
            String name = podName(nf.nfId(), r.index());
            String image = images.of(nf.kind(), nf.vendor());
            int cpus = Math.max(1, r.pinnedCores().size());
            long memory = Math.max(64, r.memoryMib());
            // The namespace is part of the spec: a pod that moves to its team's namespace is replaced.
            String hash = hash(name + '|' + namespace + '|' + r.hostId() + '|' + image + '|' + cpus + '|' + memory + '|'
                    + r.hugepages1Gi() + '|' + sriov + '|' + r.numaNode() + '|' + r.pinnedCores() + '|' + networks);
            pods.add(new NfPod(name, namespace, nf.nfId(), r.index(), nf.kind(), r.hostId(), image, cpus, memory,
                    r.hugepages1Gi(), sriov, r.numaNode(), r.pinnedCores(), networks, hash));
        }
        return pods;
    }

    /** The pod name of a replica: DNS-1123, lower case. */
    public static String podName(String nfId, int index) {
        return (nfId + "-" + index).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    /** A short, stable hash of a spec's text, to see a changed plan. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
