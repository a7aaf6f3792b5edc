package io.edgefleet.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code errors} lists every invalid field with its JSON path.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {
    /** One invalid field. */
    public record FieldError(String path, String code, String message) {
    }

    public static final String MEDIA_TYPE = "application/problem+json";
}
