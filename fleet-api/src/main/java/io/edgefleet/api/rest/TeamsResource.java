package io.edgefleet.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.auth.Caller;
import io.edgefleet.api.auth.FleetRoles;
import io.edgefleet.api.submit.Submitter;
import io.edgefleet.api.teams.QuotaLimits;
import io.edgefleet.api.teams.TeamQuotaView;
import io.edgefleet.api.teams.TeamUsages;
import io.edgefleet.api.view.FleetView;
import io.edgefleet.api.view.OutcomeAgedOut;
import io.edgefleet.api.view.RequestOutcome;
import io.edgefleet.events.EventType;
import io.edgefleet.events.request.TeamQuotaSet;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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
 * A team's fleet-wide quota (ADR 0032): operators set it (202 + request id; placement stores and
 * enforces it, and publishes the limits it accepted), the team and operators read what it uses and
 * the limits placement holds.
 */
@Path("/api/v1/teams")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(FleetRoles.USER)
@APIResponse(responseCode = "401", ref = OpenApiInfo.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiInfo.FORBIDDEN)
@SecurityRequirement(name = "bearer")
public class TeamsResource {
    @Inject
    FleetView view;
    @Inject
    Submitter submitter;
    @Inject
    Caller caller;

    @PUT
    @Path("/{team}/quota")
    @RolesAllowed(FleetRoles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", ref = OpenApiInfo.ACCEPTED)
    @APIResponse(responseCode = "400", ref = OpenApiInfo.BAD_REQUEST)
    @APIResponse(responseCode = "503", ref = OpenApiInfo.UNAVAILABLE)
    @Operation(summary = "Set a team's fleet-wide limits (vcpu, memoryMib, pinnedCores, clusters; a missing or null"
            + " one is unlimited), replacing the old ones; fleet-admin only; 202 + request id. A limit below what"
            + " the team holds is accepted: the team can shrink, not grow")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = QuotaLimits.class)))
    public Response set(@PathParam("team") String team, byte[] body) {
        ObjectNode json = JsonBody.object(body, "Invalid team quota", "{\"vcpu\": 64, \"memoryMib\": 262144, \"pinnedCores\": 16, \"clusters\": 10}");
        JsonNode named = json.get("team");
        if (named != null && !named.isNull() && !team.equals(named.asText())) {
            throw invalid("$.team", "MISMATCH", "$.team: the body names team " + named.asText()
                    + " but the path names " + team + "; leave it out or make them agree");
        }
        json.put("team", team);
        TeamQuotaSet request = submitter.decode(EventType.TEAM_QUOTA_SET, JsonBody.bytes(json), "team quota");
        return submitter.accepted(request);
    }

    @GET
    @Path("/{team}/quota")
    @APIResponse(responseCode = "200", description = "OK: what the team uses, and the limits placement holds")
    @Operation(summary = "A team's usage across the fleet as the read side sees it, and the limits placement holds"
            + " and enforces (lastSet: as placement last accepted them, with the request and when; null when none"
            + " was ever set). A quota just submitted shows once placement accepted it")
    public TeamQuotaView get(@PathParam("team") String team) {
        caller.requireTeam(team, "read the quota of team " + team);
        TeamQuotaView.LastSet last = view.teamQuota(team)
                .map(held -> TeamQuotaView.LastSet.of(held, outcome(held.requestId())))
                .orElse(null);
        return new TeamQuotaView(team, TeamUsages.of(view, team), last);
    }

    private RequestOutcome outcome(String requestId) {
        try {
            return view.outcome(requestId).orElse(null);
        } catch (OutcomeAgedOut e) {
            return null;
        }
    }

    private static ProblemException invalid(String path, String code, String message) {
        return JsonBody.invalid("Invalid team quota", path, code, message);
    }
}
