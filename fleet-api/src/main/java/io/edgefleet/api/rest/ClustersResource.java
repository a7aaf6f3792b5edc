package io.edgefleet.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.api.auth.Caller;
import io.edgefleet.api.auth.FleetRoles;
import io.edgefleet.api.submit.Submitter;
import io.edgefleet.api.view.FleetView;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventType;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Clusters: submit a creation, a scale or a deletion (202 + request id), read one or a page.
 * A team sees and changes only its own clusters; {@code fleet-admin} sees and changes all.
 */
@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(FleetRoles.USER)
@SecurityRequirement(name = "bearer")
public class ClustersResource {
    @Inject
    FleetView view;
    @Inject
    Submitter submitter;
    @Inject
    Caller caller;

    /** The body of a scale request: the new number of workers. */
    public record Scale(Integer workerCount) {
    }

    @GET
    @Operation(summary = "Clusters the caller may see, filtered and paginated (page from 0)")
    public Page<ClusterStatusChanged> list(@QueryParam("team") String team, @QueryParam("site") String site,
                                           @QueryParam("status") String status,
                                           @QueryParam("page") @DefaultValue("0") int page,
                                           @QueryParam("size") @DefaultValue("50") int size) {
        if (team != null) {
            caller.requireTeam(team, "list the clusters of team " + team);
        }
        if (status != null && Arrays.stream(ClusterStatus.values()).noneMatch(s -> s.name().equalsIgnoreCase(status))) {
            throw new ProblemException(400, "Invalid status", "status must be one of "
                    + Arrays.toString(ClusterStatus.values()) + " (got \"" + status + "\")", List.of());
        }
        List<ClusterStatusChanged> matches = view.clusters().stream()
                .filter(c -> caller.mayAccess(c.team()))
                .filter(c -> team == null || team.equals(c.team()))
                .filter(c -> site == null || site.equals(c.siteId()))
                .filter(c -> status == null || status.equalsIgnoreCase(c.status().name()))
                .toList();
        return Page.of(matches, page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A cluster's latest status and placement")
    public ClusterStatusChanged get(@PathParam("id") String id) {
        ClusterStatusChanged cluster = known(id);
        caller.requireTeam(cluster.team(), "read cluster " + id);
        return cluster;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a new cluster (the body is a ClusterRequested event's data); 202 + request id")
    @RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = ClusterRequested.class)))
    public Response create(byte[] body) {
        ClusterRequested request = submitter.decode(EventType.CLUSTER_REQUESTED, body, "cluster request");
        caller.requireTeam(request.team(), "create cluster " + request.clusterId());
        return submitter.accepted(request);
    }

    @POST
    @Path("/{id}/scale")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a new worker count for a cluster; 202 + request id")
    @RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = Scale.class)))
    public Response scale(@PathParam("id") String id, byte[] body) {
        ClusterStatusChanged cluster = known(id);
        caller.requireTeam(cluster.team(), "scale cluster " + id);
        ClusterScaleRequested request = submitter.validate(EventType.CLUSTER_SCALE_REQUESTED,
                new ClusterScaleRequested(id, cluster.team(), cluster.siteId(), workerCount(body)), "scale request");
        return submitter.accepted(request);
    }

    private static int workerCount(byte[] body) {
        JsonNode count;
        try {
            count = EventJson.mapper().readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw invalidScale("MALFORMED_JSON", "$: the body must be JSON such as {\"workerCount\": 3}");
        }
        count = count == null ? null : count.get("workerCount");
        if (count == null || count.isNull()) {
            throw invalidScale("REQUIRED", "$.workerCount: is required");
        }
        if (!count.canConvertToInt() || !count.isIntegralNumber()) {
            throw invalidScale("WRONG_TYPE", "$.workerCount: must be an integer (got " + count + ")");
        }
        return count.intValue();
    }

    private static ProblemException invalidScale(String code, String message) {
        return new ProblemException(400, "Invalid scale request", "1 problem(s) in the request",
                List.of(new Problem.FieldError(message.startsWith("$.workerCount") ? "$.workerCount" : "$", code,
                        message)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Request a cluster's deletion; 202 + request id")
    public Response delete(@PathParam("id") String id, @QueryParam("reason") String reason) {
        ClusterStatusChanged cluster = known(id);
        caller.requireTeam(cluster.team(), "delete cluster " + id);
        ClusterDeleteRequested request = submitter.validate(EventType.CLUSTER_DELETE_REQUESTED,
                new ClusterDeleteRequested(id, cluster.team(), cluster.siteId(), reason), "delete request");
        return submitter.accepted(request);
    }

    private ClusterStatusChanged known(String id) {
        return view.cluster(id).orElseThrow(() -> ProblemException.notFound("no cluster " + id
                + " (a cluster appears here once placement has decided its request)"));
    }
}
