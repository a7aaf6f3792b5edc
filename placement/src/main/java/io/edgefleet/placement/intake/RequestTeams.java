package io.edgefleet.placement.intake;

import io.edgefleet.events.EventPayload;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.request.NetworkFunctionDeleteRequested;
import io.edgefleet.events.request.NetworkFunctionRequested;
import io.edgefleet.events.request.TeamQuotaSet;

/** The team a request names, for its outcome: a refused request is shown to that team (null when none). */
final class RequestTeams {
    private RequestTeams() {
    }

    static String of(EventPayload request) {
        if (request instanceof ClusterRequested r) {
            return r.team();
        } else if (request instanceof ClusterScaleRequested r) {
            return r.team();
        } else if (request instanceof ClusterDeleteRequested r) {
            return r.team();
        } else if (request instanceof NetworkFunctionRequested r) {
            return r.team();
        } else if (request instanceof NetworkFunctionDeleteRequested r) {
            return r.team();
        } else if (request instanceof TeamQuotaSet r) {
            return r.team();
        }
        return null;
    }
}
