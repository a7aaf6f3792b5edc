package io.edgefleet.placement.intake;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.outcome.RequestRejected;
import io.edgefleet.events.validation.Violation;
import io.edgefleet.events.validation.ViolationCode;
import io.edgefleet.placement.metrics.FleetMetrics;
import io.edgefleet.placement.metrics.PlacementMetrics;
import io.edgefleet.placement.outbox.OutboxRelay;
import io.edgefleet.placement.quota.TeamQuotas;
import io.edgefleet.placement.store.AllocationStore;
import io.edgefleet.placement.store.ClusterStore;
import io.edgefleet.placement.store.ConcurrentAllocationException;
import io.edgefleet.placement.store.NetworkFunctionStore;
import io.edgefleet.placement.store.RetiringStore;
import io.edgefleet.placement.store.RequestLog;
import io.edgefleet.placement.store.SiteStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Decides a polled batch of requests in ONE database transaction: every request gets exactly one
 * outcome (a duplicate gets its first outcome again), unreadable records become dead letters,
 * and each changed site gets one new plan. State and events commit together (outbox).
 *
 * <p>Bad input never throws out of here. A record whose handling throws (a poison record) is
 * taken out of the batch and answered on its own: rejected with {@code PROCESSING_FAILED} if it
 * names a request, else dead-lettered; the rest of the batch is decided again without it.
 * Infrastructure failures (database down, a concurrent writer) roll the batch back and decide it
 * again after a backoff; the consumer does not stop.
 */
@ApplicationScoped
public class RequestBatchProcessor {
    private static final Logger LOG = Logger.getLogger(RequestBatchProcessor.class);
    private static final String CONSUMER = "requests";
    private static final int WHOLE_BATCH_ATTEMPTS = 3;

    @Inject
    DataSource dataSource;
    @Inject
    SiteStore sites;
    @Inject
    RequestLog requestLog;
    @Inject
    SitePlans plans;
    @Inject
    OutboxRelay relay;
    @Inject
    PlacementMetrics metrics;
    @Inject
    RequestHandlers handlers;
    @Inject
    ClusterStore clusterStore;
    @Inject
    NetworkFunctionStore networkFunctionStore;
    @Inject
    AllocationStore allocationStore;
    @Inject
    RetiringStore retiringStore;
    @Inject
    TeamQuotas quotas;
    @Inject
    PollBursts bursts;

    /** Thrown when handling one record failed for a reason of that record. */
    private static final class PoisonRecord extends Exception {
        final int index;

        PoisonRecord(int index, Exception cause) {
            super(cause);
            this.index = index;
        }
    }

    /**
     * A data exception raised by the batch's writes at its end, which no longer tell which record
     * caused it: the batch is decided again record by record, so the culprit is answered alone.
     */
    private static final class SplitBatch extends Exception {
        SplitBatch(SQLException cause) {
            super(cause);
        }
    }

    public void process(List<IncomingRecord> records) {
        Set<Integer> poisoned = new HashSet<>();
        long backoffMillis = 100;
        int failures = 0;
        while (true) {
            try {
                processOnce(records, poisoned);
                return;
            } catch (PoisonRecord e) {
                LOG.warnf(e.getCause(), "request record at offset %d cannot be handled; answering it on its own",
                        records.get(e.index).offset());
                metrics.batchRetry(CONSUMER, "poison_record");
                poisoned.add(e.index);
            } catch (SplitBatch e) {
                LOG.warnf(e.getCause(), "the writes of a batch of %d requests failed on a value; deciding its records"
                        + " one by one", records.size());
                metrics.batchRetry(CONSUMER, "poison_record");
                for (IncomingRecord r : records) {
                    process(List.of(r));
                }
                return;
            } catch (ConcurrentAllocationException e) {
                sites.cache().forgetAll(); // read every site again: one of them changed under the batch
                LOG.debugf("batch rolled back and retried: %s", e.getMessage());
                metrics.batchRetry(CONSUMER, "concurrent_allocation");
            } catch (SQLException | RuntimeException e) {
                failures++;
                metrics.batchRetry(CONSUMER, e instanceof SQLException ? "database" : "error");
                boolean databaseAway = e instanceof SQLException s && isTransient(s, failures);
                if (!databaseAway && failures >= WHOLE_BATCH_ATTEMPTS) {
                    if (records.size() > 1) {
                        // Not the database being away: find the culprit by deciding records one by one.
                        LOG.warnf("a batch of %d requests failed %d times (%s); deciding its records one by one",
                                records.size(), failures, e.toString());
                        for (IncomingRecord r : records) {
                            process(List.of(r));
                        }
                        return;
                    }
                    if (!poisoned.contains(0)) {
                        poisoned.add(0);
                        continue;
                    }
                    LOG.errorf(e, "request record at offset %d could not even be answered; skipped",
                            records.get(0).offset());
                    metrics.batchRetry(CONSUMER, "skipped_record");
                    return;
                }
                LOG.warnf("deciding a batch of %d requests failed, retrying in %d ms: %s",
                        records.size(), backoffMillis, e.toString());
                Retry.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5000);
            }
        }
    }

    /**
     * Connection loss, shutdown or lack of resources: wait and try again, never blame a record.
     * Serialization failures and unique violations (two replicas racing) are transient for a while.
     */
    static boolean isTransient(SQLException e, int failures) {
        String state = e.getSQLState();
        if (state == null || state.startsWith("08") || state.startsWith("57") || state.startsWith("53")) {
            return true;
        }
        return failures < 10 && (state.startsWith("40") || state.startsWith("23") || state.equals("55P03"));
    }

    private void processOnce(List<IncomingRecord> records, Set<Integer> poisoned)
            throws SQLException, ConcurrentAllocationException, PoisonRecord, SplitBatch {
        long t0 = System.nanoTime();
        Batch batch;
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                batch = new Batch(tx, sites);
                batch.deferWrites(new PendingWrites(tx, requestLog, clusterStore, networkFunctionStore,
                        allocationStore, retiringStore));
                List<ReadRequest> decoded;
                try {
                    decoded = prefetch(batch, records, poisoned);
                    bursts.plan(batch, decoded);
                } catch (SQLException e) {
                    splitOnDataError(e, records, poisoned);
                    throw e;
                }
                for (int i = 0; i < records.size(); i++) {
                    if (poisoned.contains(i)) {
                        answerPoisoned(batch, records.get(i));
                        continue;
                    }
                    try {
                        handle(batch, records.get(i), decoded.get(i));
                    } catch (RuntimeException e) {
                        throw new PoisonRecord(i, e);
                    } catch (SQLException e) {
                        if (e.getSQLState() != null && e.getSQLState().startsWith("22")) {
                            throw new PoisonRecord(i, e); // a data exception caused by this record's values
                        }
                        throw e;
                    }
                }
                try {
                    plans.finish(batch);
                } catch (SQLException e) {
                    splitOnDataError(e, records, poisoned);
                    throw e;
                }
                tx.commit();
            } catch (SQLException | ConcurrentAllocationException | PoisonRecord | SplitBatch | RuntimeException e) {
                rollbackQuietly(tx);
                throw e;
            }
        }
        batch.committed();
        relay.handOver(batch.outboxed());
        afterCommit(batch, t0);
    }

    /**
     * A data exception (SQLSTATE 22) of a statement that served the whole batch: the batch is split,
     * or its one record is answered as a poison record. Returns normally for any other failure.
     */
    private static void splitOnDataError(SQLException e, List<IncomingRecord> records, Set<Integer> poisoned)
            throws SplitBatch, PoisonRecord {
        if (e.getSQLState() != null && e.getSQLState().startsWith("22")) {
            if (records.size() > 1) {
                throw new SplitBatch(e);
            }
            if (!poisoned.contains(0)) {
                throw new PoisonRecord(0, e);
            }
        }
    }

    private void afterCommit(Batch batch, long t0) {
        long now = System.currentTimeMillis();
        for (Batch.Tally t : batch.tallies()) {
            metrics.request(t.outcome(), t.kind(), t.reason());
        }
        for (String[] d : batch.deadLetters()) {
            metrics.deadLetter(d[0], d[1]);
        }
        for (SiteWork site : batch.changedSites()) {
            Long first = batch.firstRequestAt().get(site.siteId());
            if (first != null) {
                metrics.requestToPlan(now - first);
            }
        }
        metrics.batch(CONSUMER, System.nanoTime() - t0);
    }

    private static void rollbackQuietly(Connection tx) {
        try {
            tx.rollback();
        } catch (SQLException e) {
            LOG.debugf("rollback failed (connection lost?): %s", e.toString());
        }
    }

    /**
     * Reads every record once and reads ahead, with one statement each, what deciding them will
     * look up: their request ids in the request log, their sites, the clusters and network
     * functions they name. Returns the read records by index (null for poisoned ones).
     */
    private List<ReadRequest> prefetch(Batch batch, List<IncomingRecord> records, Set<Integer> poisoned)
            throws SQLException, PoisonRecord {
        List<ReadRequest> read = new ArrayList<>(records.size());
        Set<String> requestIds = new LinkedHashSet<>();
        Set<String> siteIds = new LinkedHashSet<>();
        Set<String> subjectIds = new LinkedHashSet<>();
        Set<String> teams = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            IncomingRecord record = records.get(i);
            if (poisoned.contains(i)) {
                read.add(null);
                RequestIdentity.of(record).ifPresent(id -> requestIds.add(id.requestId()));
                continue;
            }
            try {
                ReadRequest r = RequestReader.read(record);
                read.add(r);
                if (r instanceof ReadRequest.Refused refused) {
                    requestIds.add(refused.identity().requestId());
                } else if (r instanceof ReadRequest.Decidable decidable) {
                    requestIds.add(decidable.event().requestId());
                    RequestKeys.collect(decidable.event().data(), subjectIds, siteIds);
                    teams.add(TeamQuotas.lockedFor(decidable.event().data()));
                }
            } catch (RuntimeException e) {
                throw new PoisonRecord(i, e);
            }
        }
        subjectIds.remove(null);
        siteIds.remove(null);
        quotas.prepare(batch, teams); // the team quota rows are locked first, before any other lock (ADR 0032)
        batch.prefetchSites(siteIds);
        batch.pending().prefetch(requestIds, subjectIds, siteIds);
        return read;
    }

    private void handle(Batch batch, IncomingRecord record, ReadRequest read) throws SQLException {
        if (read instanceof ReadRequest.Unanswerable dead) {
            deadLetter(batch, record, dead.code(), dead.violations());
            return;
        }
        if (read instanceof ReadRequest.Refused refused) {
            RequestIdentity id = refused.identity();
            if (!republished(batch, id)) {
                record(batch, id.requestId(), id.siteId(), id.kind(), id.subjectId(), refused.team(), refused.outcome());
            }
            return;
        }
        CloudEvent<EventPayload> event = ((ReadRequest.Decidable) read).event();
        RequestKind kind = event.type().requestKind().orElseThrow();
        String requestId = event.requestId();
        Optional<RequestLog.StoredOutcome> first = batch.pending().outcome(requestId);
        if (first.isPresent()) {
            republish(batch, first.get(), kind);
            return;
        }
        String siteId = event.key();
        // The subject is the payload's (ce_subject is optional, and was checked to agree with it).
        String subjectId = event.data().subject();
        try (RequestLogContext context = RequestLogContext.enter(requestId, siteId, kind, subjectId)) {
            int changesBefore = batch.changesOf(siteId);
            Outcome outcome = handlers.decide(batch, event);
            record(batch, requestId, siteId, kind, subjectId, RequestTeams.of(event.data()), outcome);
            if (outcome.accepted() || batch.changesOf(siteId) != changesBefore) {
                batch.requestTouched(siteId, record.timestamp());
            }
        }
    }

    /** A poison record: one outcome for it all the same, with no state change. */
    private void answerPoisoned(Batch batch, IncomingRecord record) throws SQLException {
        Optional<RequestIdentity> identity = RequestIdentity.of(record);
        if (identity.isEmpty()) {
            deadLetter(batch, record, "PROCESSING_FAILED", List.of(new Violation("$", ViolationCode.UNREADABLE,
                    "placement failed while handling this record; it was set aside so the others proceed")));
            return;
        }
        RequestIdentity id = identity.get();
        if (!republished(batch, id)) {
            record(batch, id.requestId(), id.siteId(), id.kind(), id.subjectId(), null,
                    Outcome.reject("PROCESSING_FAILED", "placement could not decide this request because of an"
                            + " internal error; it was not placed. Send it again with a new ce_id, or report it."));
        }
    }

    /** Whether the request already had an outcome, now published again. */
    private static boolean republished(Batch batch, RequestIdentity id) throws SQLException {
        Optional<RequestLog.StoredOutcome> first = batch.pending().outcome(id.requestId());
        first.ifPresent(f -> republish(batch, f, id.kind()));
        return first.isPresent();
    }

    private static void deadLetter(Batch batch, IncomingRecord record, String code, List<Violation> violations) {
        batch.deadLetter(DeadLetters.of(record, code, violations), record.topic(), code);
    }

    private void record(Batch batch, String requestId, String siteId, RequestKind kind, String subjectId, String team,
                        Outcome outcome) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventPayload payload = outcome.accepted()
                ? new RequestAccepted(requestId, siteId, kind, subjectId, now)
                : new RequestRejected(requestId, siteId, kind, subjectId, outcome.code(), outcome.message(),
                outcome.paths(), now, team);
        String eventId = java.util.UUID.randomUUID().toString();
        batch.pending().recordOutcome(new RequestLog.Entry(requestId, siteId, kind.name(), subjectId,
                EventType.of(payload).ceType(), CloudEventCodec.toJson(payload), eventId));
        batch.emit(payload, eventId);
        batch.tally(outcome.accepted() ? FleetMetrics.ACCEPTED : FleetMetrics.REJECTED, kind.name(), outcome.code());
    }

    /** A duplicate request: its first outcome, published again with the same event id. */
    private static void republish(Batch batch, RequestLog.StoredOutcome first, RequestKind kind) {
        EventType type = EventType.fromCeType(first.ceType()).orElseThrow();
        try {
            EventPayload payload = EventJson.mapper().readValue(first.payload(), type.payloadClass());
            if (first.eventId() == null) {
                batch.emit(payload);
            } else {
                batch.emit(payload, first.eventId());
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored outcome of type " + first.ceType() + " is unreadable", e);
        }
        batch.tally(FleetMetrics.DUPLICATE, kind.name(), null);
    }
}
