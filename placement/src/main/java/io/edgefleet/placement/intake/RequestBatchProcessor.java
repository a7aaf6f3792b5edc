package io.edgefleet.placement.intake;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.CloudEventHeaders;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.outcome.RequestRejected;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.validation.Validated;
import io.edgefleet.events.validation.Violation;
import io.edgefleet.events.validation.ViolationCode;
import io.edgefleet.placement.outbox.OutboxRelay;
import io.edgefleet.placement.outbox.OutboxWriter;
import io.edgefleet.placement.plan.SitePlanBuilder;
import io.edgefleet.placement.store.ClusterStore;
import io.edgefleet.placement.store.ConcurrentAllocationException;
import io.edgefleet.placement.store.RequestLog;
import io.edgefleet.placement.store.SiteStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Decides a polled batch of requests in ONE database transaction: every request gets exactly one
 * outcome (a duplicate gets its first outcome again), unreadable records become dead letters,
 * and each changed site gets one new plan. State and events commit together (outbox).
 *
 * <p>Bad input never throws out of here. Infrastructure failures (database down, a concurrent
 * writer) roll the batch back and decide it again; the consumer does not stop.
 */
@ApplicationScoped
public class RequestBatchProcessor {
    private static final Logger LOG = Logger.getLogger(RequestBatchProcessor.class);

    @Inject
    DataSource dataSource;
    @Inject
    SiteStore sites;
    @Inject
    ClusterStore clusters;
    @Inject
    RequestLog requestLog;
    @Inject
    OutboxWriter outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    ClusterCreateHandler create;
    @Inject
    ClusterDeleteHandler delete;

    public void process(List<IncomingRecord> records) {
        long backoffMillis = 100;
        while (true) {
            try {
                processOnce(records);
                relay.signal();
                return;
            } catch (ConcurrentAllocationException e) {
                LOG.debugf("batch rolled back and retried: %s", e.getMessage());
            } catch (SQLException e) {
                LOG.warnf("deciding a batch of %d requests failed, retrying in %d ms: %s",
                        records.size(), backoffMillis, e.toString());
                Retry.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5000);
            }
        }
    }

    private void processOnce(List<IncomingRecord> records) throws SQLException, ConcurrentAllocationException {
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                Batch batch = new Batch(tx, sites);
                for (IncomingRecord record : records) {
                    handle(batch, record);
                }
                for (SiteWork site : batch.changedSites()) {
                    sites.claimHosts(tx, site.snapshot(), site.touchedHosts());
                    long version = sites.nextPlanVersion(tx, site.siteId());
                    batch.emit(SitePlanBuilder.build(site.siteId(), version, site.state().allocations(),
                            clusters.liveOnSite(tx, site.siteId())));
                }
                outbox.append(tx, batch.events());
                tx.commit();
            } catch (SQLException | ConcurrentAllocationException | RuntimeException e) {
                tx.rollback();
                throw e;
            }
        }
    }

    private void handle(Batch batch, IncomingRecord record) throws SQLException {
        Validated<CloudEvent<EventPayload>> decoded = CloudEventCodec.decode(record.headers(), record.value());
        if (!decoded.isValid()) {
            rejectOrDeadLetter(batch, record, decoded.violations());
            return;
        }
        CloudEvent<EventPayload> event = decoded.toOptional().orElseThrow();
        Optional<RequestKind> kind = event.type().requestKind();
        if (kind.isEmpty()) {
            batch.emit(DeadLetters.of(record, ViolationCode.UNKNOWN_TYPE.name(), List.of(new Violation(
                    CloudEventHeaders.TYPE, ViolationCode.UNKNOWN_TYPE, event.type().ceType()
                    + " is not a request; it belongs on " + event.type().topic()))));
            return;
        }
        String requestId = event.requestId();
        Optional<RequestLog.StoredOutcome> first = requestLog.find(batch.tx(), requestId);
        if (first.isPresent()) {
            republish(batch, first.get());
            return;
        }
        Outcome outcome = decide(batch, event);
        String siteId = event.key();
        record(batch, requestId, siteId, kind.get(), event.subject(), outcome);
    }

    private Outcome decide(Batch batch, CloudEvent<EventPayload> event) throws SQLException {
        return switch (event.type()) {
            case CLUSTER_REQUESTED -> create.handle(batch, (ClusterRequested) event.data());
            case CLUSTER_DELETE_REQUESTED -> delete.handle(batch, (ClusterDeleteRequested) event.data());
            case CLUSTER_SCALE_REQUESTED, NETWORK_FUNCTION_REQUESTED, NETWORK_FUNCTION_DELETE_REQUESTED ->
                    Outcome.reject("UNSUPPORTED_REQUEST", event.type().ceType()
                            + " is part of the contract but this placement version does not decide it yet");
            case REQUEST_ACCEPTED, REQUEST_REJECTED, CLUSTER_STATUS_CHANGED, NETWORK_FUNCTION_STATUS_CHANGED,
                    SITE_PLAN, AGENT_HEARTBEAT, MICROVM_STATE_CHANGED, CLUSTER_BOOTSTRAP_REPORTED,
                    HOST_STATE_CHANGED -> throw new IllegalStateException("not a request: " + event.type());
        };
    }

    /**
     * An invalid request that still names itself (ce_id, ce_source and a request ce_type) gets a
     * RequestRejected listing every violation; anything else is a dead letter.
     */
    private void rejectOrDeadLetter(Batch batch, IncomingRecord record, List<Violation> violations)
            throws SQLException {
        String id = record.headers().get(CloudEventHeaders.ID);
        String source = record.headers().get(CloudEventHeaders.SOURCE);
        Optional<RequestKind> kind = EventType.fromCeType(record.headers().get(CloudEventHeaders.TYPE))
                .flatMap(EventType::requestKind);
        if (id == null || id.isBlank() || source == null || source.isBlank() || kind.isEmpty()) {
            batch.emit(DeadLetters.of(record, violations.get(0).code().name(), violations));
            return;
        }
        String requestId = CloudEvent.requestId(source, id);
        Optional<RequestLog.StoredOutcome> first = requestLog.find(batch.tx(), requestId);
        if (first.isPresent()) {
            republish(batch, first.get());
            return;
        }
        String message = violations.size() + " problem" + (violations.size() == 1 ? "" : "s") + " in the request: "
                + String.join("; ", violations.stream().map(Violation::toString).toList());
        record(batch, requestId, record.key(), kind.get(), record.headers().get(CloudEventHeaders.SUBJECT),
                Outcome.reject("INVALID_REQUEST", message, violations.stream().map(Violation::path).toList()));
    }

    private void record(Batch batch, String requestId, String siteId, RequestKind kind, String subjectId,
                        Outcome outcome) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventPayload payload = outcome.accepted()
                ? new RequestAccepted(requestId, siteId, kind, subjectId, now)
                : new RequestRejected(requestId, siteId, kind, subjectId, outcome.code(), outcome.message(),
                outcome.paths(), now);
        requestLog.record(batch.tx(), requestId, siteId, kind.name(), subjectId, EventType.of(payload).ceType(),
                CloudEventCodec.toJson(payload));
        batch.emit(payload);
    }

    /** A duplicate request: its first outcome, published again as a new event. */
    private static void republish(Batch batch, RequestLog.StoredOutcome first) {
        EventType type = EventType.fromCeType(first.ceType()).orElseThrow();
        try {
            batch.emit(EventJson.mapper().readValue(first.payload(), type.payloadClass()));
        } catch (IOException e) {
            throw new IllegalStateException("stored outcome of type " + first.ceType() + " is unreadable", e);
        }
    }
}
