package io.edgefleet.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvent of this contract: the context attributes plus the typed data.
 *
 * @param id      {@code ce_id}, unique per source; consumers deduplicate by (source, id)
 * @param source  {@code ce_source}, a URI-reference naming the producer, e.g. {@code /placement}
 * @param type    {@code ce_type}
 * @param time    {@code ce_time}; may be {@code null} on input (it is optional in CloudEvents 1.0)
 * @param subject {@code ce_subject}, e.g. the cluster id; may be {@code null}
 * @param data    the payload; its class must be {@code type.payloadClass()}
 * @param <T>     the payload record
 */
public record CloudEvent<T extends EventPayload>(
        String id, String source, EventType type, Instant time, String subject, T data) {

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (!type.payloadClass().isInstance(data)) {
            throw new IllegalArgumentException(
                    type.ceType() + " carries " + type.payloadClass().getSimpleName()
                            + ", not " + data.getClass().getSimpleName());
        }
    }

    /** A new event with a random id, the current time and the payload's own subject. */
    public static <T extends EventPayload> CloudEvent<T> of(String source, T data) {
        // Millisecond precision keeps ce_time short and equal after a round trip everywhere.
        return of(source, UUID.randomUUID().toString(), Instant.now().truncatedTo(ChronoUnit.MILLIS), data);
    }

    /** A new event with the given id and time (for deterministic ids, e.g. from an outbox row). */
    public static <T extends EventPayload> CloudEvent<T> of(String source, String id, Instant time, T data) {
        return new CloudEvent<>(id, source, EventType.of(data), time, data.subject(), data);
    }

    /**
     * The request id: {@code source + "#" + id}. Two requests are the same request exactly when
     * both source and id are equal (CloudEvents' uniqueness rule).
     */
    public String requestId() {
        return requestId(source, id);
    }

    /** The request id for a {@code ce_source} and {@code ce_id}, see {@link #requestId()}. */
    public static String requestId(String source, String id) {
        return source + "#" + id;
    }

    /** The topic this event goes to. */
    public String topic() {
        return type.topic();
    }

    /** The Kafka record key of this event. */
    public String key() {
        return data.partitionKey();
    }
}
