package io.edgefleet.placement.intake;

import io.edgefleet.events.EventPayload;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.request.NetworkFunctionDeleteRequested;
import io.edgefleet.events.request.NetworkFunctionRequested;
import java.util.Set;

/**
 * The ids a request will look up when it is decided, so that a batch reads them all ahead with
 * one statement each: the clusters and network functions it names, and its site.
 */
final class RequestKeys {
    private RequestKeys() {
    }

    static void collect(EventPayload request, Set<String> subjectIds, Set<String> siteIds) {
        if (request instanceof ClusterRequested r) {
            subjectIds.add(r.clusterId());
            siteIds.add(r.siteId());
        } else if (request instanceof ClusterDeleteRequested r) {
            subjectIds.add(r.clusterId());
            siteIds.add(r.siteId());
        } else if (request instanceof ClusterScaleRequested r) {
            subjectIds.add(r.clusterId());
            siteIds.add(r.siteId());
        } else if (request instanceof NetworkFunctionRequested r) {
            subjectIds.add(r.nfId());
            subjectIds.add(r.clusterId()); // its cluster must exist
            siteIds.add(r.siteId());
        } else if (request instanceof NetworkFunctionDeleteRequested r) {
            subjectIds.add(r.nfId());
            siteIds.add(r.siteId());
        }
    }
}
