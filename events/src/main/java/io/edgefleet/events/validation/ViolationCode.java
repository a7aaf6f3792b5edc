package io.edgefleet.events.validation;

/** Why a field, header or payload was refused. Stable: consumers may switch on it. */
public enum ViolationCode {
    /** The payload is over {@link EventValidator#MAX_PAYLOAD_BYTES}; it was not parsed. */
    PAYLOAD_TOO_LARGE,
    /** Not JSON, or not a JSON object, or a duplicate field, or nested too deep. */
    MALFORMED_JSON,
    /** A required field or header is missing (or {@code null}). */
    REQUIRED,
    /** A field has the wrong JSON type, e.g. a string where a number belongs. */
    WRONG_TYPE,
    /** A value outside its enumeration, e.g. an unknown worker kind. */
    NOT_ALLOWED,
    /** A number below its minimum or above its maximum (zero, negative or absurd sizes). */
    OUT_OF_RANGE,
    /** A string that does not match its pattern, format or length. */
    BAD_FORMAT,
    /** Too many (or too few) entries in a list or map. */
    BAD_COUNT,
    /** Fields that are fine alone but contradict each other. */
    INCONSISTENT,
    /** A CloudEvents header or attribute that is missing or malformed. */
    BAD_HEADER,
    /** A {@code ce_type} this contract does not define. */
    UNKNOWN_TYPE,
    /** A known event type, but in a version this reader does not speak. */
    UNSUPPORTED_VERSION,
    /** A content type other than JSON or structured CloudEvents JSON. */
    UNSUPPORTED_CONTENT_TYPE,
    /** A payload the schema accepted but the record could not be built from (should not happen). */
    UNREADABLE
}
