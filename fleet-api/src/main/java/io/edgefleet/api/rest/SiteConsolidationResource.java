package io.edgefleet.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.auth.FleetRoles;
import io.edgefleet.api.submit.Submitter;
import io.edgefleet.api.view.FleetView;
import io.edgefleet.events.EventType;
import io.edgefleet.events.outcome.SiteConsolidationChanged;
import io.edgefleet.events.request.ConsolidationAction;
import io.edgefleet.events.request.SiteConsolidateRequested;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * A site's consolidation (ADR 0031), an operator's action: a dry run lists the moves and the hosts they
 * free; applying it (or a fresh plan) moves microVMs make-before-break; a cancel stops the moves not
 * started. Placement decides; this answers 202 + request id, and the latest state from the outcome topic.
 */
@Path("/api/v1/sites/{id}/consolidation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(FleetRoles.ADMIN)
@APIResponse(responseCode = "401", ref = OpenApiInfo.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiInfo.FORBIDDEN)
@SecurityRequirement(name = "bearer")
public class SiteConsolidationResource {
    @Inject
    FleetView view;
    @Inject
    Submitter submitter;

    /** The body of a POST. */
    @Schema(description = "dryRun true lists the moves (a plan); false applies planId's moves, or a fresh plan's")
    public record ConsolidationBody(boolean dryRun, String planId, Integer maxMoves) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", ref = OpenApiInfo.ACCEPTED)
    @APIResponse(responseCode = "400", ref = OpenApiInfo.BAD_REQUEST)
    @APIResponse(responseCode = "503", ref = OpenApiInfo.UNAVAILABLE)
    @Operation(summary = "Plan (dryRun true) or apply a site's consolidation: moves microVMs make-before-break so that"
            + " whole hosts become empty; planId applies that dry run's moves (refused if the site changed since);"
            + " maxMoves caps the moves (1-1000); fleet-admin only; 202 + request id, progress on GET")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConsolidationBody.class)))
    public Response start(@PathParam("id") String id, byte[] body) {
        ObjectNode json = JsonBody.object(body, "Invalid site consolidation", "{\"dryRun\": true, \"maxMoves\": 16}");
        JsonNode dryRun = json.remove("dryRun");
        if (dryRun == null || !dryRun.isBoolean()) {
            throw invalid("$.dryRun", dryRun == null ? "REQUIRED" : "WRONG_TYPE",
                    "$.dryRun: is required, true (plan only) or false (apply)");
        }
        json.put("siteId", id);
        json.put("action", (dryRun.asBoolean() ? ConsolidationAction.DRY_RUN : ConsolidationAction.APPLY).name());
        SiteConsolidateRequested request = submitter.decode(EventType.SITE_CONSOLIDATE_REQUESTED, JsonBody.bytes(json),
                "site consolidation");
        return submitter.accepted(request);
    }

    @DELETE
    @APIResponse(responseCode = "202", ref = OpenApiInfo.ACCEPTED)
    @APIResponse(responseCode = "400", ref = OpenApiInfo.BAD_REQUEST)
    @APIResponse(responseCode = "503", ref = OpenApiInfo.UNAVAILABLE)
    @Operation(summary = "Cancel the site's consolidation under way: moves not started are dropped, those under way"
            + " complete; fleet-admin only; 202 + request id")
    public Response cancel(@PathParam("id") String id) {
        return submitter.accepted(submitter.validate(EventType.SITE_CONSOLIDATE_REQUESTED,
                new SiteConsolidateRequested(id, ConsolidationAction.CANCEL, null, null), "site consolidation"));
    }

    @GET
    @APIResponse(responseCode = "200", description = "OK: the latest state of the site's newest consolidation")
    @APIResponse(responseCode = "404", ref = OpenApiInfo.NOT_FOUND)
    @Operation(summary = "The site's latest consolidation as placement last published it (PLANNED, APPLYING with the"
            + " moves done so far, DONE with the hosts freed, CANCELLED or FAILED)")
    public SiteConsolidationChanged latest(@PathParam("id") String id) {
        return view.consolidation(id).orElseThrow(() -> ProblemException.notFound("site " + id
                + " has no consolidation in fleet-api's view (none asked for, or none since its outcome window began)"));
    }

    private static ProblemException invalid(String path, String code, String message) {
        return JsonBody.invalid("Invalid site consolidation", path, code, message);
    }
}
