package io.edgefleet.placement.plan;

/**
 * MicroVM ids on the wire are allocation holder ids with '/' replaced by '.', e.g.
 * {@code demo-1/cp-0} becomes {@code demo-1.cp-0}: agents use the id in file and socket names,
 * where '/' cannot appear, and '.' never occurs in cluster ids, so the mapping is reversible.
 */
public final class MicroVmIds {
    private MicroVmIds() {
    }

    public static String fromHolder(String holderId) {
        return holderId.replace('/', '.');
    }

    public static String toHolder(String microVmId) {
        return microVmId.replace('.', '/');
    }
}
