package io.edgefleet.api.rest;

import io.edgefleet.api.submit.RequestPublisher;
import io.edgefleet.api.view.FleetView;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.validation.Validated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Clusters: submit a creation (202 + request id), read one or all. */
@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
public class ClustersResource {
    @Inject
    FleetView view;
    @Inject
    RequestPublisher publisher;

    /** What a submission answers: the request's id and where to poll its outcome. */
    public record Submitted(String requestId, String location) {
    }

    @GET
    public List<ClusterStatusChanged> list(@QueryParam("team") String team, @QueryParam("site") String site,
                                           @QueryParam("status") String status) {
        return view.clusters().stream()
                .filter(c -> team == null || team.equals(c.team()))
                .filter(c -> site == null || site.equals(c.siteId()))
                .filter(c -> status == null || status.equalsIgnoreCase(c.status().name()))
                .toList();
    }

    @GET
    @Path("/{id}")
    public ClusterStatusChanged get(@PathParam("id") String id) {
        return view.cluster(id).orElseThrow(() -> ProblemException.notFound("no cluster " + id
                + " (a cluster appears here once placement has decided its request)"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) throws Exception {
        Validated<EventPayload> request = CloudEventCodec.decodeData(EventType.CLUSTER_REQUESTED, body);
        if (!request.isValid()) {
            throw new ProblemException(400, "Invalid cluster request", request.violations().size()
                    + " problem(s) in the request", request.violations().stream()
                    .map(v -> new Problem.FieldError(v.path(), v.code().name(), v.message())).toList());
        }
        CloudEvent<EventPayload> event = publisher.publish(request.toOptional().orElseThrow());
        URI location = URI.create("/api/v1/requests/" + event.id());
        return Response.accepted(new Submitted(event.requestId(), location.toString())).location(location).build();
    }
}
