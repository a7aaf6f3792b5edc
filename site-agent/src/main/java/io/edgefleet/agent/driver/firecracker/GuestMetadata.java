package io.edgefleet.agent.driver.firecracker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.agent.driver.GuestSeed;
import io.edgefleet.agent.driver.MicroVmSpec;

/**
 * What a Firecracker guest reads from its metadata service (MMDS): the EC2-style {@code latest/meta-data} tree
 * (instance id and host name, both the microVM id, which is also its Kubernetes node name, and which cluster and
 * host it belongs to), and, for a microVM with a cloud-init seed, the seed's documents under
 * {@link NoCloudOverMmds#PREFIX}.
 *
 * <p>A seed's user-data holds secrets (the node's keys, the bootstrap token), so with a seed, secrets are in MMDS.
 * Who can read them: only this guest. Firecracker answers 169.254.169.254 itself, inside the VMM, on the guest's
 * own interface; those packets never reach the tap, the site bridge, another guest or the host's network, and the
 * host side is the agent alone (the API socket, root only). Inside the guest, though, any process that can open a
 * socket can read it (MMDS V1, see {@link FirecrackerDriver}): the guest image is trusted with that, as it is with
 * the same files cloud-init writes to its disk. See docs/adr/0023.
 */
final class GuestMetadata {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GuestMetadata() {
    }

    /** @param seed the microVM's seed, or null */
    static ObjectNode of(MicroVmSpec spec, GuestSeed seed) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode metaData = root.putObject("latest").putObject("meta-data");
        metaData.put("instance-id", spec.microVmId());
        metaData.put("local-hostname", spec.microVmId());
        metaData.putObject("edgefleet").put("cluster", spec.clusterId()).put("host", spec.hostId());
        if (seed != null) {
            NoCloudOverMmds.addTo(root, seed);
        }
        return root;
    }
}
