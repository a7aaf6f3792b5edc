package io.edgefleet.api.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as a problem detail: precise for bad input, and never a stack trace. */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Context
    UriInfo uri;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return render(e.status(), e.title(), e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return render(status, title, e.getMessage(), List.of());
    }

    /** No token, or one that fails verification (signature, issuer, expiry). */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        Response r = render(401, "Unauthorized", "a valid bearer token is required (Authorization: Bearer <JWT>);"
                + " get one for the local stack with: deploy/local/fleet token --team <name>", List.of());
        return Response.fromResponse(r).header("WWW-Authenticate", "Bearer").build();
    }

    /** A valid token that grants no fleet role ({@code fleet-admin} or {@code team:<name>}). */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return render(403, "Forbidden", "this token grants no fleet role: it needs fleet-admin or team:<name>"
                + " in its groups claim", List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error answering " + uri.getPath(), e);
        return render(500, "Internal Server Error", "the request could not be completed; it was logged", List.of());
    }

    private Response render(int status, String title, String detail, List<Problem.FieldError> errors) {
        Problem problem = new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
