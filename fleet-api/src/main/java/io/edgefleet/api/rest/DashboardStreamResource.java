package io.edgefleet.api.rest;

import io.edgefleet.api.auth.Caller;
import io.edgefleet.api.auth.FleetRoles;
import io.edgefleet.api.capacity.DashboardSnapshot;
import io.edgefleet.api.capacity.FleetQueries;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The dashboard's live feed (server-sent events): a whole {@link DashboardSnapshot} at once, then
 * another within half a second of every change of the read model, and at least every ten
 * seconds (so that agent liveness ages and idle proxies keep the stream open).
 */
@Path("/api/v1/fleet/stream")
@RolesAllowed(FleetRoles.USER)
@SecurityRequirement(name = "bearer")
public class DashboardStreamResource {
    private static final Duration TICK = Duration.ofMillis(500);
    private static final long KEEPALIVE_TICKS = 20;

    @Inject
    FleetQueries queries;
    @Inject
    FleetView view;
    @Inject
    Caller caller;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
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
