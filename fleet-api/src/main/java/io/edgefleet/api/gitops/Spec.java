package io.edgefleet.api.gitops;

import io.edgefleet.events.EventPayload;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.NetworkFunctionRequested;

/**
 * One object a spec file asks for, as the full request REST would publish for it (a cluster's template expanded).
 *
 * @param path    the file, relative to the repository's root
 * @param blob    the file's Git blob id (its content's hash)
 * @param request a {@link ClusterRequested} or a {@link NetworkFunctionRequested}
 */
record Spec(String path, String blob, EventPayload request) {

    boolean cluster() {
        return request instanceof ClusterRequested;
    }

    /** {@code cluster c1} or {@code network function upf-1}, for log lines. */
    String object() {
        return cluster() ? "cluster " + request.subject() : "network function " + request.subject();
    }
}
