package io.edgefleet.api.rest;

import io.edgefleet.api.auth.FleetRoles;
import io.edgefleet.api.templates.ClusterTemplate;
import io.edgefleet.api.templates.TemplateCatalog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Cluster templates a create request may name (docs/operate.md, "Cluster templates"): the shipped ones and the
 * operator's. Every team may read them all; they hold sizes, never secrets.
 */
@Path("/api/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(FleetRoles.USER)
@APIResponse(responseCode = "401", ref = OpenApiInfo.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiInfo.FORBIDDEN)
@SecurityRequirement(name = "bearer")
public class TemplatesResource {
    @Inject
    TemplateCatalog catalog;

    @GET
    @APIResponse(responseCode = "200", description = "OK: every template, by name")
    @Operation(summary = "The cluster templates, sorted by name")
    public List<ClusterTemplate> list() {
        return catalog.all();
    }

    @GET
    @Path("/{name}")
    @APIResponse(responseCode = "404", ref = OpenApiInfo.NOT_FOUND)
    @APIResponse(responseCode = "200", description = "OK: the template")
    @Operation(summary = "One cluster template: what a create request naming it gets unless it sets the field")
    public ClusterTemplate get(@PathParam("name") String name) {
        return catalog.find(name).orElseThrow(() -> ProblemException.notFound("no template " + name
                + "; known templates: " + String.join(", ", catalog.names())));
    }
}
