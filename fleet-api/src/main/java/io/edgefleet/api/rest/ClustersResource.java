package io.edgefleet.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.auth.Caller;
import io.edgefleet.api.auth.FleetRoles;
import io.edgefleet.api.submit.Submitter;
import io.edgefleet.api.templates.ClusterRequests;
import io.edgefleet.api.view.FleetView;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventType;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.request.ClusterUpgradeRequested;
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
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Clusters: submit a creation, a scale, an upgrade or a deletion (202 + request id), read one or a page.
 * A team sees and changes only its own clusters; {@code fleet-admin} sees and changes all.
 */
@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(FleetRoles.USER)
@APIResponse(responseCode = "401", ref = OpenApiInfo.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiInfo.FORBIDDEN)
@SecurityRequirement(name = "bearer")
public class ClustersResource {
    @Inject
    FleetView view;
    @Inject
    Submitter submitter;
    @Inject
    Caller caller;
    @Inject
    ClusterRequests clusterRequests;

    /** The body of a scale request: the new worker count, the new control-plane replica count, or both. */
    @Schema(description = "What to change; a field left out stays as it is, at least one is required. Both in one"
            + " request are one decision: both happen or the request is rejected.")
    public record Scale(
            @Schema(description = "the new number of workers, 0-64 (same kind and size as at creation)",
                    minimum = "0", maximum = "64", nullable = true, examples = "3")
            Integer workerCount,
            @Schema(description = "the new number of control-plane microVMs: 1, 3, 5 or 7 (odd, so etcd keeps a"
                    + " quorum); the cluster is SCALING until it is READY again",
                    enumeration = {"1", "3", "5", "7"}, nullable = true, examples = "5")
            Integer controlPlaneReplicas) {
    }

    /** The body of an upgrade request: the target Kubernetes version. */
    @Schema(description = "The version to move the cluster to: a later patch of its minor or the next minor; the"
            + " control plane rolls one replica at a time, then the worker microVMs, and the cluster stays READY")
    public record Upgrade(
            @Schema(description = "the target version, e.g. 1.32 or v1.32.1", required = true, examples = "1.32",
                    pattern = "^v?[0-9]{1,3}\\.[0-9]{1,3}(\\.[0-9]{1,3})?$")
            String kubernetesVersion) {
    }

    @GET
    @APIResponse(responseCode = "400", ref = OpenApiInfo.BAD_REQUEST)
    @APIResponse(responseCode = "200", description = "OK: one page of the clusters")
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
    @APIResponse(responseCode = "404", ref = OpenApiInfo.NOT_FOUND)
    @APIResponse(responseCode = "200", description = "OK: the cluster")
    @Operation(summary = "A cluster's latest status and placement")
    public ClusterStatusChanged get(@PathParam("id") String id) {
        ClusterStatusChanged cluster = known(id);
        caller.requireTeam(cluster.team(), "read cluster " + id);
        return cluster;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", ref = OpenApiInfo.ACCEPTED)
    @APIResponse(responseCode = "400", ref = OpenApiInfo.BAD_REQUEST)
    @APIResponse(responseCode = "422", description = "The body names an unknown template (the detail lists the"
            + " known ones), or a value its template sets breaks the contract: each error says whose value it is,"
            + " template NAME: field or request: field",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", ref = OpenApiInfo.UNAVAILABLE)
    @Operation(summary = "Request a new cluster (the body is a ClusterRequested event's data, or names a template"
            + " in \"template\" and overrides any of its fields); 202 + request id")
    @RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ClusterRequested.class)))
    public Response create(byte[] body) {
        // A named template is expanded here, so the published event is the full request (ADR 0033).
        ClusterRequested request = clusterRequests.fromBody(body);
        caller.requireTeam(request.team(), "create cluster " + request.clusterId());
        return submitter.accepted(request);
    }

    @POST
    @Path("/{id}/scale")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", ref = OpenApiInfo.ACCEPTED)
    @APIResponse(responseCode = "400", ref = OpenApiInfo.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiInfo.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = OpenApiInfo.UNAVAILABLE)
    @Operation(summary = "Request a new worker count, a new control-plane replica count (1, 3, 5 or 7), or both for a"
            + " cluster; 202 + request id")
    @RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Scale.class)))
    public Response scale(@PathParam("id") String id, byte[] body) {
        ClusterStatusChanged cluster = known(id);
        caller.requireTeam(cluster.team(), "scale cluster " + id);
        ClusterScaleRequested request = submitter.decode(EventType.CLUSTER_SCALE_REQUESTED,
                requestOf(id, cluster, body, List.of("workerCount", "controlPlaneReplicas"),
                        "{\"controlPlaneReplicas\": 5, \"workerCount\": 3}", "scale"), "scale request");
        return submitter.accepted(request);
    }

    @POST
    @Path("/{id}/upgrade")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", ref = OpenApiInfo.ACCEPTED)
    @APIResponse(responseCode = "400", ref = OpenApiInfo.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiInfo.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = OpenApiInfo.UNAVAILABLE)
    @Operation(summary = "Request a cluster's Kubernetes version upgrade (a later patch or the next minor); placement"
            + " rolls it one replica at a time and rejects a skipped minor or a downgrade; 202 + request id")
    @RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Upgrade.class)))
    public Response upgrade(@PathParam("id") String id, byte[] body) {
        ClusterStatusChanged cluster = known(id);
        caller.requireTeam(cluster.team(), "upgrade cluster " + id);
        ClusterUpgradeRequested request = submitter.decode(EventType.CLUSTER_UPGRADE_REQUESTED,
                requestOf(id, cluster, body, List.of("kubernetesVersion"), "{\"kubernetesVersion\": \"1.32\"}",
                        "upgrade"), "upgrade request");
        return submitter.accepted(request);
    }

    /**
     * A scale's or an upgrade's request data: the cluster's id, team and site from the read side, and the
     * body's {@code fields} exactly as sent, so that the contract's own validator judges them (types, limits,
     * required ones) and names their paths.
     */
    private static byte[] requestOf(String id, ClusterStatusChanged cluster, byte[] body, List<String> fields,
                                    String example, String what) {
        ObjectNode json = JsonBody.object(body, "Invalid " + what + " request", example);
        ObjectNode request = EventJson.mapper().createObjectNode()
                .put("clusterId", id).put("team", cluster.team()).put("siteId", cluster.siteId());
        for (String field : fields) {
            if (json.has(field)) {
                request.set(field, json.get(field));
            }
        }
        return JsonBody.bytes(request);
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "202", ref = OpenApiInfo.ACCEPTED)
    @APIResponse(responseCode = "400", ref = OpenApiInfo.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiInfo.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = OpenApiInfo.UNAVAILABLE)
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
