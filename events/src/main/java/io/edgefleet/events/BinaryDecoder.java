package io.edgefleet.events;

import io.edgefleet.events.validation.EventValidator;
import io.edgefleet.events.validation.Validated;
import io.edgefleet.events.validation.Violation;
import io.edgefleet.events.validation.ViolationCode;
import java.util.Map;

/** Binary mode: attributes from {@code ce_*} headers, the value is the JSON data. */
final class BinaryDecoder {

    private BinaryDecoder() {
    }

    static Validated<CloudEvent<EventPayload>> decode(Map<String, String> headers, byte[] value) {
        String contentType = HeaderLookup.get(headers, CloudEventHeaders.CONTENT_TYPE);
        if (!ContentTypes.isJsonOrAbsent(contentType)) {
            return Validated.invalid(new Violation(CloudEventHeaders.CONTENT_TYPE, ViolationCode.UNSUPPORTED_CONTENT_TYPE,
                    "must be application/json (binary mode) or application/cloudevents+json (structured mode), got "
                            + contentType));
        }
        return Attributes.join(
                HeaderLookup.get(headers, CloudEventHeaders.SPEC_VERSION),
                HeaderLookup.get(headers, CloudEventHeaders.ID),
                HeaderLookup.get(headers, CloudEventHeaders.SOURCE),
                HeaderLookup.get(headers, CloudEventHeaders.TYPE),
                HeaderLookup.get(headers, CloudEventHeaders.TIME),
                HeaderLookup.get(headers, CloudEventHeaders.SUBJECT),
                attribute -> "ce_" + attribute,
                type -> EventValidator.validate(type, value));
    }
}
