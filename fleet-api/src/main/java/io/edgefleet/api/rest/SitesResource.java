package io.edgefleet.api.rest;

import io.edgefleet.api.auth.Caller;
import io.edgefleet.api.auth.FleetRoles;
import io.edgefleet.api.capacity.FleetQueries;
import io.edgefleet.api.capacity.HostView;
import io.edgefleet.api.capacity.SiteView;
import io.edgefleet.api.submit.Submitter;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventType;
import io.edgefleet.events.request.SiteEnrollRequested;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Sites and their hosts with per-NUMA capacity, allocations and free space.
 * Every team sees the shared hardware; holders of other teams are shown without ids.
 * Enrolling a site's public key (which placement then requires on every report of the site) is
 * for {@code fleet-admin} only.
 */
@Path("/api/v1/sites")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(FleetRoles.USER)
@APIResponse(responseCode = "401", ref = OpenApiInfo.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiInfo.FORBIDDEN)
@SecurityRequirement(name = "bearer")
public class SitesResource {
    @Inject
    FleetQueries queries;
    @Inject
    Caller caller;
    @Inject
    Submitter submitter;

    /**
     * The body of an enrolment: the public key, as its agent wrote it to {@code <key-file>.pub}, and
     * optionally the host whose agent holds it (then only that host's key is enrolled or rotated).
     */
    public record Enrollment(String publicKeyPem, String hostId) {
    }

    @GET
    @APIResponse(responseCode = "200", description = "OK: the sites")
    @Operation(summary = "Every site known from a plan or a recent heartbeat")
    public List<SiteView> sites() {
        return queries.sites();
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "404", ref = OpenApiInfo.NOT_FOUND)
    @APIResponse(responseCode = "200", description = "OK: the site")
    @Operation(summary = "One site at a glance")
    public SiteView site(@PathParam("id") String id) {
        return queries.site(id).orElseThrow(() -> unknown(id));
    }

    @GET
    @Path("/{id}/hosts")
    @APIResponse(responseCode = "404", ref = OpenApiInfo.NOT_FOUND)
    @APIResponse(responseCode = "200", description = "OK: the site's hosts")
    @Operation(summary = "A site's hosts: capacity, allocations and free space per host and per NUMA node")
    public List<HostView> hosts(@PathParam("id") String id) {
        return queries.hosts(id, caller::mayAccess).orElseThrow(() -> unknown(id));
    }

    @POST
    @Path("/{id}/enrollment")
    @RolesAllowed(FleetRoles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", ref = OpenApiInfo.ACCEPTED)
    @APIResponse(responseCode = "400", ref = OpenApiInfo.BAD_REQUEST)
    @APIResponse(responseCode = "503", ref = OpenApiInfo.UNAVAILABLE)
    @Operation(summary = "Enroll (or rotate) a site's Ed25519 public key, or with hostId one host agent's key;"
            + " fleet-admin only; 202 + request id. Placement then accepts only the site's (or that host's) reports"
            + " signed with this key")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Enrollment.class)))
    public Response enroll(@PathParam("id") String id, byte[] body) {
        // The site need not be known yet: enrolling comes before the agent's first report.
        Enrollment enrollment = enrollment(body);
        SiteEnrollRequested request = submitter.validate(EventType.SITE_ENROLL_REQUESTED, new SiteEnrollRequested(id,
                enrollment.publicKeyPem(), enrolledBy(caller.name()), enrollment.hostId()), "enrollment");
        return submitter.accepted(request);
    }

    /** The caller, for the audit trail; the contract keeps at most 256 characters of it. */
    private static String enrolledBy(String name) {
        return name == null ? null : name.length() > 256 ? name.substring(0, 256) : name;
    }

    private static Enrollment enrollment(byte[] body) {
        com.fasterxml.jackson.databind.JsonNode json;
        try {
            json = EventJson.mapper().readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw invalidEnrollment("$", "MALFORMED_JSON",
                    "$: the body must be JSON such as {\"publicKeyPem\": \"-----BEGIN PUBLIC KEY-----\\n...\"}");
        }
        com.fasterxml.jackson.databind.JsonNode pem = json.get("publicKeyPem");
        if (pem == null || pem.isNull()) {
            throw invalidEnrollment("$.publicKeyPem", "REQUIRED", "$.publicKeyPem: is required");
        }
        return new Enrollment(text(pem, "$.publicKeyPem"), json.hasNonNull("hostId")
                ? text(json.get("hostId"), "$.hostId") : null);
    }

    /** A string field's text; the contract's validation then checks what the text may be. */
    private static String text(com.fasterxml.jackson.databind.JsonNode node, String path) {
        if (!node.isTextual()) {
            throw invalidEnrollment(path, "WRONG_TYPE", path + ": must be a string (got "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        return node.asText();
    }

    private static ProblemException invalidEnrollment(String path, String code, String message) {
        return new ProblemException(400, "Invalid enrollment", "1 problem(s) in the request",
                List.of(new Problem.FieldError(path, code, message)));
    }

    private static ProblemException unknown(String id) {
        return ProblemException.notFound("no site " + id + " (a site appears once its agent reports or placement"
                + " plans it)");
    }
}
