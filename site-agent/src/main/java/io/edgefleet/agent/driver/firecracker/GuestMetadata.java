package io.edgefleet.agent.driver.firecracker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.agent.driver.MicroVmSpec;

/**
 * What a Firecracker guest reads from its metadata service (MMDS): the EC2-style
 * {@code latest/meta-data} tree cloud-init's datasources understand (instance id and host name, both the
 * microVM id, which is also its Kubernetes node name), and which cluster and host it belongs to.
 * Secrets never go here: the store is readable by any process of the guest.
 */
final class GuestMetadata {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GuestMetadata() {
    }

    static ObjectNode of(MicroVmSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode metaData = root.putObject("latest").putObject("meta-data");
        metaData.put("instance-id", spec.microVmId());
        metaData.put("local-hostname", spec.microVmId());
        metaData.putObject("edgefleet").put("cluster", spec.clusterId()).put("host", spec.hostId());
        return root;
    }
}
