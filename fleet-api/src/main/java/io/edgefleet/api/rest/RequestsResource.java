package io.edgefleet.api.rest;

import io.edgefleet.api.submit.RequestPublisher;
import io.edgefleet.api.view.FleetView;
import io.edgefleet.api.view.RequestOutcome;
import io.edgefleet.events.CloudEvent;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** A request's outcome, by its CloudEvent id (and source, by default this API's). */
@Path("/api/v1/requests")
@Produces(MediaType.APPLICATION_JSON)
public class RequestsResource {
    @Inject
    FleetView view;

    @GET
    @Path("/{id}")
    public RequestOutcome get(@PathParam("id") String id,
                              @QueryParam("source") @DefaultValue(RequestPublisher.SOURCE) String source) {
        String requestId = CloudEvent.requestId(source, id);
        return view.outcome(requestId).orElseThrow(() -> ProblemException.notFound("request " + requestId
                + " has no outcome yet (or was never received); outcomes appear within about a second"));
    }
}
