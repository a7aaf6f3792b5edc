package io.edgefleet.placement.store;

import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostInventory;
import io.edgefleet.events.report.NumaInventory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash of what a heartbeat writes to its site's host rows: hosts in id order, each with every
 * column the heartbeat sets (placement's defaults applied, maps in key order, so the same
 * inventory hashes the same in every replica and every JVM). Equal hashes: the host rows already
 * hold this inventory, and the heartbeat only has to say the site is alive.
 */
public final class InventoryHash {
    private static final HexFormat HEX = HexFormat.of();

    private InventoryHash() {
    }

    /** SHA-256 of the canonical inventory, hex. */
    public static String of(AgentHeartbeat heartbeat, double defaultCpuAllocationRatio, long defaultDiskGib) {
        MessageDigest digest = sha256();
        List<HostInventory> hosts = heartbeat.hosts().stream().sorted(Comparator.comparing(HostInventory::hostId)).toList();
        for (HostInventory h : hosts) {
            field(digest, "host", h.hostId(), h.failureDomain(), h.state().name(), String.join(",", h.capabilities()),
                    Integer.toString(h.reservedCores()), Long.toString(h.reservedMemoryMib()),
                    Double.toString(cpuAllocationRatio(h, defaultCpuAllocationRatio)),
                    Long.toString(diskGib(h, defaultDiskGib)));
            for (NumaInventory n : h.numaNodes()) {
                field(digest, "numa", Integer.toString(n.index()), Integer.toString(n.cores()), Long.toString(n.memoryMib()),
                        Integer.toString(n.hugepages1Gi()));
                for (Map.Entry<String, Integer> vf : new TreeMap<>(n.vfsByPhysnet()).entrySet()) {
                    field(digest, "vf", vf.getKey(), String.valueOf(vf.getValue()));
                }
                if (!n.coreIds().isEmpty()) { // absent before core ids were reported: old hashes stay valid
                    field(digest, java.util.stream.Stream.concat(java.util.stream.Stream.of("cores"),
                            n.coreIds().stream().sorted().map(String::valueOf)).toArray(String[]::new));
                }
            }
        }
        return HEX.formatHex(digest.digest());
    }

    /** The vCPU ratio the host row gets: the agent's, or placement's default. */
    static double cpuAllocationRatio(HostInventory host, double defaultRatio) {
        return host.cpuAllocationRatio() == null ? defaultRatio : host.cpuAllocationRatio();
    }

    /** The disk the host row gets: the agent's, or placement's default when absent or zero. */
    static long diskGib(HostInventory host, long defaultDiskGib) {
        return host.diskGib() == null || host.diskGib() == 0 ? defaultDiskGib : host.diskGib();
    }

    /** Each value length-prefixed: no choice of ids can make two inventories read the same. */
    private static void field(MessageDigest digest, String... values) {
        for (String v : values) {
            byte[] bytes = String.valueOf(v).getBytes(StandardCharsets.UTF_8);
            digest.update((byte) (bytes.length >>> 24));
            digest.update((byte) (bytes.length >>> 16));
            digest.update((byte) (bytes.length >>> 8));
            digest.update((byte) bytes.length);
            digest.update(bytes);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
