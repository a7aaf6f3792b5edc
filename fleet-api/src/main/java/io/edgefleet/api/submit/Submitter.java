package io.edgefleet.api.submit;

import io.edgefleet.api.rest.Problem;
import io.edgefleet.api.rest.ProblemException;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.validation.Validated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Every submission goes the same way: validate with the contract's own validator (the same
 * verdict placement would give), publish to Kafka, answer 202 with the request id and where
 * to poll its outcome.
 */
@ApplicationScoped
public class Submitter {
    private static final Logger LOG = Logger.getLogger(Submitter.class);

    @Inject
    RequestPublisher publisher;

    /** What a submission answers: the request's id and where to poll its outcome. */
    public record Submitted(String requestId, String location) {
    }

    /** Decodes and validates a request body of {@code type}, or answers 400 listing every problem. */
    @SuppressWarnings("unchecked")
    public <T extends EventPayload> T decode(EventType type, byte[] body, String what) {
        Validated<EventPayload> request = CloudEventCodec.decodeData(type, body == null ? new byte[0] : body);
        if (!request.isValid()) {
            throw new ProblemException(400, "Invalid " + what, request.violations().size()
                    + " problem(s) in the request", request.violations().stream()
                    .map(v -> new Problem.FieldError(v.path(), v.code().name(), v.message())).toList());
        }
        return (T) request.toOptional().orElseThrow();
    }

    /** Validates a request built by the API itself (scale, delete) exactly as a posted one. */
    public <T extends EventPayload> T validate(EventType type, T built, String what) {
        return decode(type, CloudEventCodec.toJson(built), what);
    }

    /** Publishes and answers 202 Accepted with the request id and a Location to poll. */
    public Response accepted(EventPayload request) {
        CloudEvent<EventPayload> event;
        try {
            event = publisher.publish(request);
        } catch (Exception e) {
            LOG.warnf("publishing a %s failed: %s", request.getClass().getSimpleName(), e.toString());
            throw new ProblemException(503, "Service Unavailable", "the request could not be handed to Kafka;"
                    + " nothing was submitted, try again shortly", List.of());
        }
        URI location = URI.create("/api/v1/requests/" + event.id());
        return Response.accepted(new Submitted(event.requestId(), location.toString())).location(location).build();
    }
}
