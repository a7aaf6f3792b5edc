package io.edgefleet.placement.intake;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.EventEnvelope;
import io.edgefleet.events.EventType;
import io.edgefleet.events.outcome.RequestKind;
import java.util.Optional;

/**
 * What a request record says about itself when it cannot be decided (it broke the contract, or
 * handling it failed): enough to answer it with an outcome the client can find. Read the same way
 * in binary and structured mode, without trusting the rest of the record.
 *
 * @param requestId {@code source#id}
 * @param type      its request type
 * @param siteId    the payload's site id, else the record key; null if neither is a printable id
 * @param subjectId the payload's subject (see {@link RequestSubject}), else {@code ce_subject}; null if neither
 *                  is a printable id
 */
record RequestIdentity(String requestId, EventType type, String siteId, String subjectId) {

    RequestKind kind() {
        return type.requestKind().orElseThrow();
    }

    /** The identity of a record that names itself (id, source and a request type), else empty. */
    static Optional<RequestIdentity> of(IncomingRecord record) {
        return of(record, EventEnvelope.read(record.headers(), record.value()));
    }

    static Optional<RequestIdentity> of(IncomingRecord record, EventEnvelope envelope) {
        Optional<EventType> type = EventType.fromCeType(envelope.type()).filter(t -> t.requestKind().isPresent());
        String id = envelope.id();
        String source = envelope.source();
        if (type.isEmpty() || id == null || id.isBlank() || source == null || source.isBlank()
                || id.length() + source.length() > 1024 || (id + source).chars().anyMatch(c -> c < 0x20)) {
            return Optional.empty();
        }
        String siteId = Optional.ofNullable(Echo.printable(envelope.dataText("siteId").orElse(null)))
                .orElse(Echo.printable(record.key()));
        String field = RequestSubject.field(type.get());
        String subjectId = Optional.ofNullable(field).flatMap(envelope::dataText).map(Echo::printable)
                .orElse(Echo.printable(envelope.subject()));
        return Optional.of(new RequestIdentity(CloudEvent.requestId(source, id), type.get(), siteId, subjectId));
    }
}
