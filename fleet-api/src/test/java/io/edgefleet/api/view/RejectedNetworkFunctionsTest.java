package io.edgefleet.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.outcome.RequestRejected;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A network function whose creation placement refused has no status to show; the view keeps the newest refusal per
 * id so that reading it says why instead of a bare 404.
 */
class RejectedNetworkFunctionsTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static RequestRejected rejected(String requestId, RequestKind kind, String subject, String code, Instant at) {
        return new RequestRejected(requestId, "edge-par-01", kind, subject, code, "because", List.of(), at, "team-a");
    }

    @Test
    void theNewestRefusedCreationOfAnIdIsKeptWhateverTheOrderOfArrival() {
        FleetView view = new FleetView();
        view.apply(rejected("r2", RequestKind.NETWORK_FUNCTION_CREATE, "upf-1", "NO_NUMA_FIT", T0.plusSeconds(5)));
        view.apply(rejected("r1", RequestKind.NETWORK_FUNCTION_CREATE, "upf-1", "INSUFFICIENT_CAPACITY", T0));

        assertEquals("NO_NUMA_FIT", view.rejectedCreation("upf-1").orElseThrow().code());
        assertEquals("r1", view.outcome("r1").orElseThrow().requestId(), "every outcome stays readable by its id");
    }

    @Test
    void otherRefusalsAreNoNetworkFunctionsCreation() {
        FleetView view = new FleetView();
        view.apply(rejected("r3", RequestKind.CLUSTER_CREATE, "upf-1", "NO_FREE_HOST", T0));
        view.apply(rejected("r4", RequestKind.NETWORK_FUNCTION_DELETE, "upf-1", "UNKNOWN_OWNER", T0));

        assertTrue(view.rejectedCreation("upf-1").isEmpty());
    }
}
