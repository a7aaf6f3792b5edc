package io.edgefleet.api.rest;

import io.edgefleet.api.auth.Caller;
import io.edgefleet.api.auth.FleetRoles;
import io.edgefleet.api.capacity.FleetQueries;
import io.edgefleet.api.capacity.FleetSummary;
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
 * Sites, their hosts with per-NUMA capacity, allocations and free space, and the fleet summary.
 * Every team sees the shared hardware; holders of other teams are shown without ids.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(FleetRoles.USER)
@SecurityRequirement(name = "bearer")
public class SitesResource {
    @Inject
    FleetQueries queries;
    @Inject
    Caller caller;

    @GET
    @Path("/sites")
    @Operation(summary = "Every site known from a plan or a recent heartbeat")
    public List<SiteView> sites() {
        return queries.sites();
    }

    @GET
    @Path("/sites/{id}")
    @Operation(summary = "One site at a glance")
    public SiteView site(@PathParam("id") String id) {
        return queries.site(id).orElseThrow(() -> unknown(id));
    }

    @GET
    @Path("/sites/{id}/hosts")
    @Operation(summary = "A site's hosts: capacity, allocations and free space per host and per NUMA node")
    public List<HostView> hosts(@PathParam("id") String id) {
        return queries.hosts(id, caller::mayAccess).orElseThrow(() -> unknown(id));
    }

    @GET
    @Path("/fleet/summary")
    @Operation(summary = "Utilisation per resource, hosts in use and saved by mixed mode, clusters by status")
    public FleetSummary summary() {
        return queries.summary(caller::mayAccess);
    }

    private static ProblemException unknown(String id) {
        return ProblemException.notFound("no site " + id + " (a site appears once its agent reports or placement"
                + " plans it)");
    }
}
