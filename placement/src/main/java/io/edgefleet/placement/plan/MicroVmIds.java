package io.edgefleet.placement.plan;

/**
 * MicroVM ids on the wire are allocation holder ids with '/' replaced by '-', e.g.
 * {@code demo-1/cp-0} becomes {@code demo-1-cp-0}: agents use the id in directory and socket
 * names, where only letters, digits and hyphens are safe. Reports carry the cluster id beside
 * the microVM id, which makes the mapping reversible.
 */
public final class MicroVmIds {
    private MicroVmIds() {
    }

    public static String fromHolder(String holderId) {
        return holderId.replace('/', '-');
    }

    /** The holder id of a microVM of {@code clusterId}, or null if the id is not one of that cluster's. */
    public static String toHolder(String clusterId, String microVmId) {
        if (clusterId == null || microVmId == null || !microVmId.startsWith(clusterId + "-")) {
            return null;
        }
        return clusterId + "/" + microVmId.substring(clusterId.length() + 1);
    }
}
