package io.edgefleet.api.rest;

import io.edgefleet.api.auth.Caller;
import io.edgefleet.api.auth.FleetRoles;
import io.edgefleet.api.submit.Submitter;
import io.edgefleet.api.view.FleetView;
import io.edgefleet.events.EventType;
import io.edgefleet.events.outcome.NetworkFunctionStatusChanged;
import io.edgefleet.events.request.NetworkFunctionDeleteRequested;
import io.edgefleet.events.request.NetworkFunctionRequested;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Network functions (UPF, DU, CU) in a team's clusters: submit a creation or deletion (202 +
 * request id), list them. A network function id is unique within its cluster; when two
 * clusters use the same id, {@code ?cluster=} says which.
 */
@Path("/api/v1/network-functions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(FleetRoles.USER)
@APIResponse(responseCode = "401", ref = OpenApiInfo.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiInfo.FORBIDDEN)
@SecurityRequirement(name = "bearer")
public class NetworkFunctionsResource {
    @Inject
    FleetView view;
    @Inject
    Submitter submitter;
    @Inject
    Caller caller;

    @GET
    @APIResponse(responseCode = "400", ref = OpenApiInfo.BAD_REQUEST)
    @APIResponse(responseCode = "200", description = "OK: one page of the network functions")
    @Operation(summary = "Network functions the caller may see, filtered and paginated (page from 0)")
    public Page<NetworkFunctionStatusChanged> list(@QueryParam("team") String team, @QueryParam("site") String site,
                                                   @QueryParam("cluster") String cluster,
                                                   @QueryParam("page") @DefaultValue("0") int page,
                                                   @QueryParam("size") @DefaultValue("50") int size) {
        if (team != null) {
            caller.requireTeam(team, "list the network functions of team " + team);
        }
        return Page.of(view.networkFunctions().stream()
                .filter(nf -> caller.mayAccess(nf.team()))
                .filter(nf -> team == null || team.equals(nf.team()))
                .filter(nf -> site == null || site.equals(nf.siteId()))
                .filter(nf -> cluster == null || cluster.equals(nf.clusterId()))
                .toList(), page, size);
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "404", ref = OpenApiInfo.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiInfo.CONFLICT)
    @APIResponse(responseCode = "200", description = "OK: the network function")
    @Operation(summary = "A network function's latest status and replica placement")
    public NetworkFunctionStatusChanged get(@PathParam("id") String id, @QueryParam("cluster") String cluster) {
        NetworkFunctionStatusChanged nf = known(id, cluster);
        caller.requireTeam(nf.team(), "read network function " + id);
        return nf;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", ref = OpenApiInfo.ACCEPTED)
    @APIResponse(responseCode = "400", ref = OpenApiInfo.BAD_REQUEST)
    @APIResponse(responseCode = "503", ref = OpenApiInfo.UNAVAILABLE)
    @Operation(summary = "Request a network function (the body is a NetworkFunctionRequested event's data); 202")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NetworkFunctionRequested.class)))
    public Response create(byte[] body) {
        NetworkFunctionRequested request = submitter.decode(EventType.NETWORK_FUNCTION_REQUESTED, body,
                "network function request");
        caller.requireTeam(request.team(), "create network function " + request.nfId());
        // The cluster it runs in must be the caller's too, whatever team the body names.
        view.cluster(request.clusterId()).ifPresent(c -> caller.requireTeam(c.team(),
                "run network function " + request.nfId() + " in cluster " + c.clusterId()));
        return submitter.accepted(request);
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "202", ref = OpenApiInfo.ACCEPTED)
    @APIResponse(responseCode = "400", ref = OpenApiInfo.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiInfo.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiInfo.CONFLICT)
    @APIResponse(responseCode = "503", ref = OpenApiInfo.UNAVAILABLE)
    @Operation(summary = "Request a network function's deletion; 202 + request id")
    public Response delete(@PathParam("id") String id, @QueryParam("cluster") String cluster,
                           @QueryParam("reason") String reason) {
        NetworkFunctionStatusChanged nf = known(id, cluster);
        caller.requireTeam(nf.team(), "delete network function " + id);
        NetworkFunctionDeleteRequested request = submitter.validate(EventType.NETWORK_FUNCTION_DELETE_REQUESTED,
                new NetworkFunctionDeleteRequested(id, nf.team(), nf.siteId(), nf.clusterId(), reason),
                "delete request");
        return submitter.accepted(request);
    }

    private NetworkFunctionStatusChanged known(String id, String cluster) {
        List<NetworkFunctionStatusChanged> matches = view.networkFunctions(id).stream()
                .filter(nf -> cluster == null || cluster.equals(nf.clusterId())).toList();
        if (matches.isEmpty()) {
            // Placement said no: the reason is what the caller's team needs (no other team's refusals are shown).
            String rejected = view.rejectedCreation(id).filter(r -> r.team() == null || caller.mayAccess(r.team()))
                    .map(r -> ": its creation was rejected at " + r.rejectedAt() + ", " + r.code() + ": " + r.message())
                    .orElse(" (it appears here once placement has decided its request)");
            throw ProblemException.notFound("no network function " + id + (cluster == null ? "" : " in cluster "
                    + cluster) + rejected);
        }
        if (matches.size() > 1) {
            throw new ProblemException(409, "Ambiguous network function", "network function " + id
                    + " exists in several clusters; say which with ?cluster=", List.of());
        }
        return matches.get(0);
    }
}
