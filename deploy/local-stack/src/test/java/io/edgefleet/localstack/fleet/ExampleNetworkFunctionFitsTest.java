package io.edgefleet.localstack.fleet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network function of events/examples is one the local fleet's hosts can hold: each replica takes its pinned
 * cores, hugepages and VFs of every physnet from ONE NUMA node (placement rule 2), on distinct hosts, so enough
 * hosts must each have one NUMA node that holds a whole replica. (Before, each physnet sat on its own NUMA node
 * and the example, which needs two physnets, was always rejected.)
 */
class ExampleNetworkFunctionFitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyReplicaOfTheExampleFitsOneNumaNodeOfItsOwnHost(@TempDir Path dir) throws Exception {
        Path repo = Path.of(System.getProperty("edgefleet.repo", "../.."));
        JsonNode nf = JSON.readTree(repo.resolve("events/examples/networkfunction-requested.json").toFile());
        JsonNode site = JSON.readTree(SiteInventories.write(dir, "edge-par-01").toFile());
        List<String> hostsHoldingAReplica = new ArrayList<>();
        for (JsonNode host : site.path("hosts")) {
            int reserved = host.path("reserved").path("cores").asInt();
            for (JsonNode numa : host.path("numaNodes")) {
                // The system reserve comes out of NUMA node 0 first.
                int cores = numa.path("cores").asInt() - (numa.path("id").asInt() == 0 ? reserved : 0);
                if (cores >= nf.path("pinnedCores").asInt()
                        && numa.path("hugepages1Gi").asInt() >= nf.path("hugepages1Gi").asInt()
                        && hasVfs(numa.path("vfsByPhysnet"), nf.path("vfsByPhysnet"))) {
                    hostsHoldingAReplica.add(host.path("id").asText());
                    break;
                }
            }
        }
        assertTrue(hostsHoldingAReplica.size() >= nf.path("replicas").asInt(),
                "hosts with a NUMA node that holds a whole replica: " + hostsHoldingAReplica);
    }

    private static boolean hasVfs(JsonNode offered, JsonNode wanted) {
        for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> want = it.next();
            if (offered.path(want.getKey()).asInt() < want.getValue().asInt()) {
                return false;
            }
        }
        return true;
    }
}
