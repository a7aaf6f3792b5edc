package io.edgefleet.localstack.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the inventory file of each simulated site (format: site-agent's inventory README):
 * four edge servers in two racks, two NUMA nodes each, like a small far-edge site. Sites are
 * named edge-par-01, edge-par-02, ... so that the kcat examples of events/README.md (site
 * edge-par-01) run unchanged against the local fleet.
 */
public final class SiteInventories {
    /** Six hosts in three racks: a 5-replica control plane fits on distinct hosts, spread over every rack. */
    private static final int HOSTS = 6;

    private SiteInventories() {
    }

    public static String siteId(int index) {
        return String.format("edge-par-%02d", index);
    }

    /** The ids of the site's hosts, as {@link #write} names them. */
    public static List<String> hostIds(String siteId) {
        List<String> ids = new ArrayList<>();
        for (int h = 1; h <= HOSTS; h++) {
            ids.add(siteId + "-h" + h);
        }
        return ids;
    }

    public static Path write(Path dir, String siteId) throws IOException {
        return write(dir, siteId, null, 4);
    }

    /**
     * @param network       the site's management network as a JSON object (placement then plans an address
     *                      per microVM), or null for none
     * @param reservedCores cores each host keeps for itself; real guests on this machine need it below the
     *                      machine's own cores, since microVMs may use only the cores not reserved
     */
    public static Path write(Path dir, String siteId, String network, int reservedCores) throws IOException {
        Files.createDirectories(dir);
        List<String> hosts = new ArrayList<>();
        for (int h = 1; h <= HOSTS; h++) {
            hosts.add(String.format("""
                        {"id": "%s-h%d", "failureDomain": "rack-%s", "state": "READY",
                         "capabilities": ["microvm", "sriov:physnet-a", "sriov:physnet-b"],
                         "cpuAllocationRatio": 4.0, "reserved": {"cores": %d, "memoryMib": 16384}, "diskGib": 1800,
                         "numaNodes": [
                           {"id": 0, "cores": 32, "memoryMib": 131072, "hugepages1Gi": 16, "vfsByPhysnet": {"physnet-a": 8, "physnet-b": 8}},
                           {"id": 1, "cores": 32, "memoryMib": 131072, "hugepages1Gi": 16, "vfsByPhysnet": {"physnet-a": 8, "physnet-b": 8}}
                         ]}""", siteId, h, h <= 2 ? "a" : h <= 4 ? "b" : "c", reservedCores));
        }
        String json = "{\n  \"formatVersion\": 1,\n  \"siteId\": \"" + siteId + "\",\n  \"region\": \"local\",\n"
                + (network == null ? "" : "  \"network\": " + network + ",\n")
                + "  \"hosts\": [\n" + String.join(",\n", hosts) + "\n  ]\n}\n";
        Path file = dir.resolve(siteId + ".json");
        Files.writeString(file, json);
        return file;
    }
}
