package io.edgefleet.placement.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.events.report.NumaInventory;
import io.edgefleet.placement.engine.model.NumaNode;
import java.util.ArrayList;
import java.util.List;

/** A host's NUMA nodes as the {@code host.numa_nodes} column holds them: the engine's view of an agent's report. */
final class NumaJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NumaJson() {
    }

    static String of(List<NumaInventory> nodes) {
        // Agents report a node's whole memory (as the kernel's MemTotal does); the engine books
        // hugepages as their own pool, so its normal-page memory excludes them.
        List<NumaNode> engineNodes = new ArrayList<>();
        for (NumaInventory n : nodes) {
            engineNodes.add(new NumaNode(n.index(), n.cores(), NumaNode.ordinaryMemoryMib(n.memoryMib(), n.hugepages1Gi()),
                    n.hugepages1Gi(), n.vfsByPhysnet(), n.coreIds()));
        }
        try {
            return JSON.writeValueAsString(engineNodes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("NUMA nodes are plain values and always serialise", e);
        }
    }
}
