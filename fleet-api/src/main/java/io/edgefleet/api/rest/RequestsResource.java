package io.edgefleet.api.rest;

import io.edgefleet.api.auth.Caller;
import io.edgefleet.api.auth.FleetRoles;
import io.edgefleet.api.submit.RequestPublisher;
import io.edgefleet.api.view.FleetView;
import io.edgefleet.api.view.RequestOutcome;
import io.edgefleet.events.CloudEvent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * A request's outcome, by its CloudEvent id (and source, by default this API's). An outcome about
 * another team's cluster or network function is refused (403).
 */
@Path("/api/v1/requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(FleetRoles.USER)
@APIResponse(responseCode = "401", ref = OpenApiInfo.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiInfo.FORBIDDEN)
@SecurityRequirement(name = "bearer")
public class RequestsResource {
    @Inject
    FleetView view;
    @Inject
    Caller caller;

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "404", ref = OpenApiInfo.NOT_FOUND)
    @APIResponse(responseCode = "410", ref = OpenApiInfo.GONE)
    @APIResponse(responseCode = "200", description = "OK: the request's outcome")
    @Operation(summary = "A request's outcome: ACCEPTED, or REJECTED with the reason")
    public RequestOutcome get(@PathParam("id") String id,
                              @QueryParam("source") @DefaultValue(RequestPublisher.SOURCE) String source) {
        String requestId = CloudEvent.requestId(source, id);
        RequestOutcome outcome = view.outcome(requestId).orElseThrow(() -> ProblemException.notFound("request "
                + requestId + " has no outcome yet (or was never received); outcomes appear within about a second"));
        if ("SITE_ENROLL".equals(outcome.kind()) && !caller.admin()) {
            // Enrolments are fleet-admin business, their outcomes too.
            throw new ProblemException(403, "Forbidden", caller.name() + " may not read the outcome of request "
                    + requestId + ": site enrolments are for fleet-admin", List.of());
        }
        teamOf(outcome).ifPresent(team -> caller.requireTeam(team, "read the outcome of request " + requestId));
        return outcome;
    }

    private Optional<String> teamOf(RequestOutcome outcome) {
        if (outcome.subjectId() == null || outcome.kind() == null) {
            return Optional.empty();
        }
        if (outcome.kind().startsWith("CLUSTER")) {
            return view.cluster(outcome.subjectId()).map(c -> c.team());
        }
        return view.networkFunctions(outcome.subjectId()).stream()
                .filter(nf -> outcome.siteId() == null || outcome.siteId().equals(nf.siteId()))
                .map(nf -> nf.team()).findFirst();
    }
}
