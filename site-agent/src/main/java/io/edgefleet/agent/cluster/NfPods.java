package io.edgefleet.agent.cluster;

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
 * Turns a planned network function into one pod per replica (pure).
 *
 * @param namespace      namespace of network-function pods
 * @param imagePattern   container image; {@code {kind}} becomes upf, du or cu
 * @param sriovPrefix    SR-IOV device-plugin resource name prefix; the physnet follows it
 *                       (e.g. {@code intel.com/sriov_} gives {@code intel.com/sriov_physnet-a})
 */
public record NfPods(String namespace, String imagePattern, String sriovPrefix) {

    /** Name of the managed-by label every agent-made object carries. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "edgefleet-site-agent";
    public static final String NF_ID = "edgefleet.io/nf-id";
    public static final String NF_REPLICA = "edgefleet.io/nf-replica";
    public static final String SPEC_HASH = "edgefleet.io/spec-hash";

    public List<NfPod> of(PlannedNetworkFunction nf) {
        List<NfPod> pods = new ArrayList<>();
        for (PlannedNfReplica r : nf.replicas()) {
            String kind = nf.kind().name().toLowerCase(Locale.ROOT);
            Map<String, Integer> sriov = new TreeMap<>();
            List<String> networks = new ArrayList<>();
            new TreeMap<>(r.vfsByPhysnet()).forEach((physnet, vfs) -> {
                if (vfs > 0) {
                    sriov.put(sriovPrefix + physnet, vfs);
                    for (int i = 0; i < vfs; i++) {
                        networks.add("sriov-" + physnet);
                    }
                }
            });
            String name = podName(nf.nfId(), r.index());
            String image = imagePattern.replace("{kind}", kind);
            int cpus = Math.max(1, r.pinnedCores().size());
            long memory = Math.max(64, r.memoryMib());
            String hash = hash(name + '|' + r.hostId() + '|' + image + '|' + cpus + '|' + memory + '|' + r.hugepages1Gi()
                    + '|' + sriov + '|' + r.numaNode() + '|' + r.pinnedCores());
            pods.add(new NfPod(name, namespace, nf.nfId(), r.index(), nf.kind(), r.hostId(), image, cpus, memory,
                    r.hugepages1Gi(), sriov, r.numaNode(), r.pinnedCores(), networks, hash));
        }
        return pods;
    }

    /** The pod name of a replica: DNS-1123, lower case. */
    public static String podName(String nfId, int index) {
        return (nfId + "-" + index).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
