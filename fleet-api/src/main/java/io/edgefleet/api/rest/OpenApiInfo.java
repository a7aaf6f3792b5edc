package io.edgefleet.api.rest;

import io.edgefleet.api.submit.Submitter;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The API's OpenAPI header, its one security scheme (a bearer JWT) and the answers operations share,
 * which they name with {@code ref}: a submission's 202 with its Location, and the problem details
 * (RFC 9457, {@link Problem}) of the errors, each said once here with what it means in this API.
 */
@OpenAPIDefinition(info = @Info(title = "edgefleet fleet-api", version = "v1",
        description = "Submit cluster and network-function requests, follow their outcomes, and read sites, hosts,"
                + " capacity and clusters. Every /api/v1 endpoint needs a bearer JWT whose groups claim holds"
                + " fleet-admin or team:<name>; a team sees and changes only its own clusters."
                + " Errors are RFC 9457 problem details (application/problem+json)."),
        components = @Components(responses = {
            @APIResponse(name = OpenApiInfo.ACCEPTED, responseCode = "202", description = "Submitted: the request is"
                    + " on its way to placement, which decides it within about a second. Poll the Location (the"
                    + " request's outcome, GET /api/v1/requests/{id}) for ACCEPTED or REJECTED with the reason.",
                    headers = @Header(name = "Location", required = true, description = "Where the request's outcome"
                            + " appears: /api/v1/requests/{id}", schema = @Schema(type = SchemaType.STRING,
                            format = "uri-reference")),
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Submitter.Submitted.class))),
            @APIResponse(name = OpenApiInfo.BAD_REQUEST, responseCode = "400", description = "Invalid input: the body"
                    + " or a parameter breaks the contract; errors lists every invalid field with its JSON path",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = OpenApiInfo.UNAUTHORIZED, responseCode = "401", description = "No bearer token, or one"
                    + " that fails verification (signature, issuer, expiry); answered with WWW-Authenticate: Bearer",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = OpenApiInfo.FORBIDDEN, responseCode = "403", description = "The token grants no fleet"
                    + " role, or the caller's teams do not own what it names (fleet-admin may act for any team)",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = OpenApiInfo.NOT_FOUND, responseCode = "404", description = "No such resource (yet): it"
                    + " appears once placement has decided its request, or its agent has reported",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = OpenApiInfo.GONE, responseCode = "410", description = "Known once, held no longer:"
                    + " the request's outcome is older than fleet-api's outcome window; polling again will not help",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = OpenApiInfo.CONFLICT, responseCode = "409", description = "Not possible in the"
                    + " resource's present state; the detail says what is missing or ambiguous",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = OpenApiInfo.UNAVAILABLE, responseCode = "503", description = "fleet-api cannot do it"
                    + " now: Kafka is unreachable (nothing was submitted) or, for a kubeconfig, the cluster's secrets"
                    + " cannot be opened here; the detail says which. Retry shortly",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
        }))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT")
public class OpenApiInfo extends Application {
    /** Names of the shared responses, for {@code @APIResponse(ref = ...)}. */
    static final String ACCEPTED = "Accepted";
    static final String BAD_REQUEST = "BadRequest";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String NOT_FOUND = "NotFound";
    static final String CONFLICT = "Conflict";
    static final String GONE = "Gone";
    static final String UNAVAILABLE = "Unavailable";
}
