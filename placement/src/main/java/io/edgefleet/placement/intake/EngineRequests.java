package io.edgefleet.placement.intake;

import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.WorkerKind;
import io.edgefleet.placement.engine.ClusterRequest;
import io.edgefleet.placement.engine.MicroVmSize;
import io.edgefleet.placement.engine.Workers;

/** Maps validated wire requests to the engine's requests (wire and engine types stay separate). */
final class EngineRequests {
    private EngineRequests() {
    }

    static ClusterRequest of(ClusterRequested wire) {
        var cp = wire.controlPlane();
        var w = wire.workers();
        Workers workers;
        if (w == null || w.count() == 0) {
            workers = Workers.none();
        } else if (w.kind() == WorkerKind.BARE_METAL) {
            workers = Workers.bareMetal(w.count());
        } else {
            workers = Workers.microVms(w.count(), new MicroVmSize(w.vcpu(), w.memoryMib(), w.diskGib()));
        }
        return new ClusterRequest(wire.clusterId(), wire.team(), cp.replicas(),
                new MicroVmSize(cp.vcpu(), cp.memoryMib(), cp.diskGib()), workers);
    }
}
