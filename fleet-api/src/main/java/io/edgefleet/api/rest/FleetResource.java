package io.edgefleet.api.rest;

import io.edgefleet.api.auth.Caller;
import io.edgefleet.api.auth.FleetRoles;
import io.edgefleet.api.capacity.DashboardSnapshot;
import io.edgefleet.api.capacity.FleetQueries;
import io.edgefleet.api.capacity.FleetSummary;
import io.edgefleet.api.view.FleetView;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The fleet as a whole: its summary, and the dashboard's data, one {@link DashboardSnapshot} or a
 * live feed of them (server-sent events): one at once, then another within half a second of every
 * change of the read model, and at least every ten seconds (so that agent liveness ages and idle
 * proxies keep the stream open).
 */
@Path("/api/v1/fleet")
@RolesAllowed(FleetRoles.USER)
@APIResponse(responseCode = "401", ref = OpenApiInfo.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiInfo.FORBIDDEN)
@SecurityRequirement(name = "bearer")
public class FleetResource {
    private static final Duration TICK = Duration.ofMillis(500);
    private static final long KEEPALIVE_TICKS = 20;

    @Inject
    FleetQueries queries;
    @Inject
    FleetView view;
    @Inject
    Caller caller;

    @GET
    @Path("/summary")
    @APIResponse(responseCode = "200", description = "OK: the summary")
    @Operation(summary = "Utilisation per resource, hosts in use and saved by mixed mode, clusters by status")
    public FleetSummary summary() {
        return queries.summary(caller::mayAccess);
    }

    @GET
    @Path("/snapshot")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "OK: the snapshot")
    @Operation(summary = "The dashboard's snapshot once (what the stream sends first)")
    public DashboardSnapshot snapshot() {
        return queries.snapshot(caller::mayAccess);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "OK: the stream, open until the caller closes it")
    @Operation(summary = "Server-sent events: the dashboard's snapshot, again on every change")
    public Multi<DashboardSnapshot> stream() {
        // The request scope ends before the stream does: decide visibility now.
        boolean admin = caller.admin();
        Set<String> teams = caller.teams();
        Predicate<String> visible = team -> admin || (team != null && teams.contains(team));
        AtomicLong sent = new AtomicLong(-1);
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(TICK)
                .onOverflow().drop()
                .filter(tick -> {
                    long now = view.version();
                    return sent.getAndSet(now) != now || tick % KEEPALIVE_TICKS == 0;
                })
                .map(tick -> queries.snapshot(visible));
    }
}
