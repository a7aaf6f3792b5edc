package io.edgefleet.api;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.outcome.NetworkFunctionStatus;
import io.edgefleet.events.outcome.NetworkFunctionStatusChanged;
import io.edgefleet.events.outcome.NodePlacement;
import io.edgefleet.events.outcome.ReplicaPlacement;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.localstack.testing.TestKafka;
import java.time.Instant;
import java.util.List;

/**
 * Publishes what placement and the agents would, to the real broker, so that tests drive
 * fleet-api's read side exactly through its inputs.
 */
public final class Placement implements AutoCloseable {
    private final TestKafka kafka;

    public Placement(String bootstrapServers) {
        this.kafka = new TestKafka(bootstrapServers);
    }

    public void publish(EventPayload payload) {
        String source = payload.getClass().getPackageName().endsWith("report") ? "/site-agent/test" : "/placement";
        kafka.send(CloudEventCodec.encode(CloudEvent.of(source, payload)));
    }

    public TestKafka kafka() {
        return kafka;
    }

    public void cluster(String clusterId, String team, String siteId, ClusterStatus status) {
        publish(new ClusterStatusChanged(clusterId, team, siteId, status, null,
                List.of(new NodePlacement(clusterId + "-cp-0", MicroVmRole.CONTROL_PLANE, siteId + "-h1")), null,
                Instant.now()));
    }

    /** A running network function with one replica on the site's first host, NUMA node 0. */
    public void networkFunction(String nfId, String clusterId, String team, String siteId) {
        networkFunction(nfId, clusterId, team, siteId, NetworkFunctionStatus.RUNNING, null,
                new ReplicaPlacement(0, siteId + "-h1", 0));
    }

    /** A network function's status as placement would publish it, with its reason and replica placements. */
    public void networkFunction(String nfId, String clusterId, String team, String siteId,
                                NetworkFunctionStatus status, String reason, ReplicaPlacement... replicas) {
        publish(new NetworkFunctionStatusChanged(nfId, clusterId, team, siteId, status, reason, List.of(replicas),
                Instant.now()));
    }

    @Override
    public void close() {
        kafka.close();
    }
}
