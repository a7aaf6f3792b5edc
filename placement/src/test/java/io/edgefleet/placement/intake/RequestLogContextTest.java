package io.edgefleet.placement.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgefleet.events.outcome.RequestKind;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

class RequestLogContextTest {
    @Test
    void aClusterRequestNamesItsSiteRequestAndClusterWhileDecidedAndNothingAfter() {
        try (RequestLogContext context = RequestLogContext.enter("/fleet-api#r-1", "edge-par-01", RequestKind.CLUSTER_CREATE, "c-1")) {
            assertEquals("/fleet-api#r-1", MDC.get("request"));
            assertEquals("edge-par-01", MDC.get("site"));
            assertEquals("c-1", MDC.get("cluster"));
            assertNull(MDC.get("networkFunction"));
        }
        assertNull(MDC.get("request"));
        assertNull(MDC.get("site"));
        assertNull(MDC.get("cluster"));
    }

    @Test
    void aNetworkFunctionRequestNamesTheNetworkFunction() {
        try (RequestLogContext context = RequestLogContext.enter("r-2", "edge-par-02", RequestKind.NETWORK_FUNCTION_DELETE, "upf-1")) {
            assertEquals("upf-1", MDC.get("networkFunction"));
            assertNull(MDC.get("cluster"));
        }
        assertNull(MDC.get("networkFunction"));
    }
}
