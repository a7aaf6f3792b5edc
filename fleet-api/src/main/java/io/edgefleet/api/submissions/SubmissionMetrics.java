package io.edgefleet.api.submissions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts every submission — a request fleet-api would publish for placement — by kind and by how fleet-api answered
 * it: {@code fleet_api_submissions_total{kind, outcome}} (docs/metrics.md). Counted from the answer, so refusals
 * before publishing (invalid body, no token, another team's cluster) are counted as well as the published ones.
 * Placement's own verdict on a published request is {@code fleet_placement_requests_total}.
 */
@Singleton
public class SubmissionMetrics {
    /** A submission route: its HTTP method and path, and the request kind it publishes. */
    private record Route(String method, Pattern path, String kind) {
    }

    private static final String SEGMENT = "[^/]+";
    private static final List<Route> ROUTES = List.of(
            new Route("POST", Pattern.compile("/api/v1/clusters/?"), "CLUSTER_CREATE"),
            new Route("POST", Pattern.compile("/api/v1/clusters/" + SEGMENT + "/scale/?"), "CLUSTER_SCALE"),
            new Route("DELETE", Pattern.compile("/api/v1/clusters/" + SEGMENT + "/?"), "CLUSTER_DELETE"),
            new Route("POST", Pattern.compile("/api/v1/network-functions/?"), "NETWORK_FUNCTION_CREATE"),
            new Route("DELETE", Pattern.compile("/api/v1/network-functions/" + SEGMENT + "/?"),
                    "NETWORK_FUNCTION_DELETE"),
            new Route("POST", Pattern.compile("/api/v1/sites/" + SEGMENT + "/enrollment/?"), "SITE_ENROLL"));

    @Inject
    MeterRegistry registry;

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        String kind = kind(request.getMethod(), "/" + request.getUriInfo().getPath().replaceFirst("^/+", ""));
        if (kind != null) {
            Counter.builder("fleet_api_submissions")
                    .description("Submissions answered by fleet-api, by request kind and answer: published (202,"
                            + " handed to Kafka), invalid (400, or 422 for a template that does not fit), unauthorized"
                            + " (401), forbidden (403), not_found (404), unavailable (503: Kafka did not take it), error"
                            + " (any other)")
                    .tag("kind", kind).tag("outcome", outcome(response.getStatus())).register(registry).increment();
        }
    }

    /** The kind a request to this route publishes, or null when it is no submission. */
    static String kind(String method, String path) {
        for (Route r : ROUTES) {
            if (r.method().equals(method.toUpperCase(Locale.ROOT)) && r.path().matcher(path).matches()) {
                return r.kind();
            }
        }
        return null;
    }

    static String outcome(int status) {
        switch (status) {
            case 202:
                return "published";
            case 400:
            case 422:
                return "invalid";
            case 401:
                return "unauthorized";
            case 403:
                return "forbidden";
            case 404:
                return "not_found";
            case 503:
                return "unavailable";
            default:
                return "error";
        }
    }
}
