package io.edgefleet.events;

/**
 * Kafka header names and fixed values of the CloudEvents Kafka protocol binding (binary mode),
 * plus the dead-letter headers of this contract.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    /** The binding maps {@code datacontenttype} to this header, not to a {@code ce_} header. */
    public static final String CONTENT_TYPE = "content-type";

    /** The only CloudEvents spec version this contract speaks. */
    public static final String SPEC_VERSION_1_0 = "1.0";
    /** Binary mode: the Kafka value is the event data as JSON. */
    public static final String JSON = "application/json";
    /** Structured mode: the Kafka value is the whole CloudEvent as JSON. */
    public static final String CLOUDEVENTS_JSON = "application/cloudevents+json";

    /** Dead letters: machine-readable reason code, e.g. {@code MALFORMED_JSON}. */
    public static final String DLQ_CODE = "dlq_code";
    /** Dead letters: every violation, one per line, {@code path: message}. */
    public static final String DLQ_REASON = "dlq_reason";
    /** Dead letters: where the record was read. */
    public static final String DLQ_TOPIC = "dlq_topic";
    public static final String DLQ_PARTITION = "dlq_partition";
    public static final String DLQ_OFFSET = "dlq_offset";

    private CloudEventHeaders() {
    }
}
