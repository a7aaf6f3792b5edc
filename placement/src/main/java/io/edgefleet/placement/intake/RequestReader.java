package io.edgefleet.placement.intake;

import io.edgefleet.events.BinaryModeNames;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventEnvelope;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.validation.Validated;
import io.edgefleet.events.validation.Violation;
import io.edgefleet.events.validation.ViolationCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one record of the request topic, in binary or structured mode, into what intake does with
 * it (pure: no database, no Kafka). A request is decided only if it keeps the whole contract: valid
 * attributes and payload, a {@code ce_subject} (if sent) equal to the payload's subject, and a
 * record key equal to the payload's site. A request that breaks it but names itself is refused with
 * every problem at once, worded as binary mode words them whichever mode it came in; only a record
 * that names no request to answer is a dead letter.
 */
final class RequestReader {
    private RequestReader() {
    }

    static ReadRequest read(IncomingRecord record) {
        Validated<CloudEvent<EventPayload>> decoded = CloudEventCodec.decode(record.headers(), record.value());
        if (decoded instanceof Validated.Valid<CloudEvent<EventPayload>> valid) {
            return checked(record, valid.value());
        }
        EventEnvelope envelope = EventEnvelope.read(record.headers(), record.value());
        Optional<RequestIdentity> identity = RequestIdentity.of(record, envelope);
        if (identity.isEmpty()) {
            // Shown as it came: the dead letter keeps the record, and its mode's names.
            return new ReadRequest.Unanswerable(decoded.violations().get(0).code().name(), decoded.violations());
        }
        List<Violation> violations = new ArrayList<>(envelope.structured()
                ? BinaryModeNames.of(decoded.violations()) : decoded.violations());
        EventType type = identity.get().type();
        String field = RequestSubject.field(type);
        RequestSubject.mismatch(envelope.subject(), type, field == null ? null : envelope.dataText(field).orElse(null))
                .ifPresent(violations::add);
        SiteKeyCheck.mismatch(record.key(), envelope.dataText("siteId").orElse(null)).ifPresent(violations::add);
        return new ReadRequest.Refused(identity.get(), null, violations);
    }

    private static ReadRequest checked(IncomingRecord record, CloudEvent<EventPayload> event) {
        if (event.type().requestKind().isEmpty()) {
            return new ReadRequest.Unanswerable(ViolationCode.UNKNOWN_TYPE.name(), List.of(new Violation(
                    CloudEventHeaders.TYPE, ViolationCode.UNKNOWN_TYPE, event.type().ceType()
                    + " is not a request; it belongs on " + event.type().topic())));
        }
        EventPayload data = event.data();
        List<Violation> violations = new ArrayList<>(2);
        RequestSubject.mismatch(event.subject(), event.type(), data.subject()).ifPresent(violations::add);
        SiteKeyCheck.mismatch(record.key(), data.partitionKey()).ifPresent(violations::add);
        if (violations.isEmpty()) {
            return new ReadRequest.Decidable(event);
        }
        return new ReadRequest.Refused(new RequestIdentity(event.requestId(), event.type(), data.partitionKey(),
                data.subject()), RequestTeams.of(data), violations);
    }
}
