package io.edgefleet.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail. {@code errors} lists every invalid field with its JSON path.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details, served as application/problem+json")
public record Problem(
        @Schema(description = "a URI naming the problem type; about:blank: the status says it all",
                examples = "about:blank") String type,
        @Schema(description = "the status code's short text", examples = "Not Found") String title,
        @Schema(description = "the HTTP status code", examples = "404") int status,
        @Schema(description = "what went wrong, for a person") String detail,
        @Schema(description = "the request path that failed", examples = "/api/v1/clusters/c1") String instance,
        @Schema(description = "every invalid field, for invalid input (400)") List<FieldError> errors) {
    /** One invalid field. */
    @Schema(name = "ProblemFieldError", description = "one invalid field of a request")
    public record FieldError(
            @Schema(description = "its JSON path", examples = "$.controlPlane.replicas") String path,
            @Schema(description = "the violation", examples = "OUT_OF_RANGE") String code,
            @Schema(description = "what is wrong with it") String message) {
    }

    public static final String MEDIA_TYPE = "application/problem+json";
}
