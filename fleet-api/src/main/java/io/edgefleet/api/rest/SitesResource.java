package io.edgefleet.api.rest;

import io.edgefleet.api.auth.Caller;
import io.edgefleet.api.auth.FleetRoles;
import io.edgefleet.api.capacity.FleetQueries;
import io.edgefleet.api.capacity.HostView;
import io.edgefleet.api.capacity.SiteView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Sites and their hosts with per-NUMA capacity, allocations and free space.
 * Every team sees the shared hardware; holders of other teams are shown without ids.
 */
@Path("/api/v1/sites")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(FleetRoles.USER)
@SecurityRequirement(name = "bearer")
public class SitesResource {
    @Inject
    FleetQueries queries;
    @Inject
    Caller caller;

    @GET
        @Operation(summary = "Every site known from a plan or a recent heartbeat")
    public List<SiteView> sites() {
        return queries.sites();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One site at a glance")
    public SiteView site(@PathParam("id") String id) {
        return queries.site(id).orElseThrow(() -> unknown(id));
    }

    @GET
    @Path("/{id}/hosts")
    @Operation(summary = "A site's hosts: capacity, allocations and free space per host and per NUMA node")
    public List<HostView> hosts(@PathParam("id") String id) {
        return queries.hosts(id, caller::mayAccess).orElseThrow(() -> unknown(id));
    }

    private static ProblemException unknown(String id) {
        return ProblemException.notFound("no site " + id + " (a site appears once its agent reports or placement"
                + " plans it)");
    }
}
