package io.edgefleet.placement.intake;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.events.report.MicroVmStateChanged;
import io.edgefleet.events.validation.Validated;
import io.edgefleet.events.validation.ViolationCode;
import io.edgefleet.placement.outbox.OutboxRelay;
import io.edgefleet.placement.outbox.OutboxWriter;
import io.edgefleet.placement.plan.MicroVmIds;
import io.edgefleet.placement.plan.SitePlanBuilder;
import io.edgefleet.placement.store.AllocationStore;
import io.edgefleet.placement.store.ClusterRow;
import io.edgefleet.placement.store.ClusterStore;
import io.edgefleet.placement.store.SiteStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Applies a polled batch of site reports in one transaction: heartbeats refresh the site's
 * inventory, microVM reports record what the agent measured, bootstrap reports move clusters to
 * READY or FAILED. Unreadable reports become dead letters; the consumer never stops.
 */
@ApplicationScoped
public class ReportBatchProcessor {
    private static final Logger LOG = Logger.getLogger(ReportBatchProcessor.class);
    private static final List<ClusterStatus> PROVISIONING = List.of(ClusterStatus.PLACED, ClusterStatus.PROVISIONING);

    @Inject
    DataSource dataSource;
    @Inject
    SiteStore sites;
    @Inject
    ClusterStore clusters;
    @Inject
    AllocationStore allocations;
    @Inject
    OutboxWriter outbox;
    @Inject
    OutboxRelay relay;

    public void process(List<IncomingRecord> records) {
        long backoffMillis = 100;
        while (true) {
            try {
                processOnce(records);
                relay.signal();
                return;
            } catch (SQLException e) {
                LOG.warnf("applying a batch of %d site reports failed, retrying in %d ms: %s",
                        records.size(), backoffMillis, e.toString());
                Retry.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5000);
            }
        }
    }

    private void processOnce(List<IncomingRecord> records) throws SQLException {
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                Batch batch = new Batch(tx, sites);
                for (IncomingRecord record : records) {
                    handle(batch, record);
                }
                outbox.append(tx, batch.events());
                tx.commit();
            } catch (SQLException | RuntimeException e) {
                tx.rollback();
                throw e;
            }
        }
    }

    private void handle(Batch batch, IncomingRecord record) throws SQLException {
        Validated<CloudEvent<EventPayload>> decoded = CloudEventCodec.decode(record.headers(), record.value());
        if (!decoded.isValid()) {
            batch.emit(DeadLetters.of(record, decoded.violations().get(0).code().name(), decoded.violations()));
            return;
        }
        CloudEvent<EventPayload> event = decoded.toOptional().orElseThrow();
        switch (event.type()) {
            case AGENT_HEARTBEAT -> sites.recordHeartbeat(batch.tx(), (AgentHeartbeat) event.data());
            case MICROVM_STATE_CHANGED -> {
                MicroVmStateChanged vm = (MicroVmStateChanged) event.data();
                String holder = MicroVmIds.toHolder(vm.clusterId(), vm.microVmId());
                if (holder != null) {
                    allocations.recordObservedState(batch.tx(), holder, vm.state().name());
                }
            }
            case CLUSTER_BOOTSTRAP_REPORTED -> bootstrapReported(batch, (ClusterBootstrapReported) event.data());
            case HOST_STATE_CHANGED -> LOG.debugf("host state report %s: the next heartbeat carries it", event.id());
            default -> batch.emit(DeadLetters.of(record, ViolationCode.UNKNOWN_TYPE.name(), List.of(
                    new io.edgefleet.events.validation.Violation("ce_type", ViolationCode.UNKNOWN_TYPE,
                            event.type().ceType() + " is not a site report; it belongs on " + event.type().topic()))));
        }
    }

    private void bootstrapReported(Batch batch, ClusterBootstrapReported report) throws SQLException {
        ClusterStatus to = switch (report.state()) {
            case READY -> ClusterStatus.READY;
            case FAILED -> ClusterStatus.FAILED;
            case BOOTSTRAPPING -> ClusterStatus.PROVISIONING;
        };
        List<ClusterStatus> from = to == ClusterStatus.PROVISIONING ? List.of(ClusterStatus.PLACED) : PROVISIONING;
        if (!clusters.transition(batch.tx(), report.clusterId(), from, to, report.reason())) {
            return; // already there, or deleted meanwhile: nothing to announce
        }
        Optional<ClusterRow> cluster = clusters.find(batch.tx(), report.clusterId());
        if (cluster.isEmpty()) {
            return;
        }
        ClusterRow c = cluster.get();
        batch.emit(new ClusterStatusChanged(c.clusterId(), c.team(), c.siteId(), to, report.reason(),
                SitePlanBuilder.placement(allocations.forSite(batch.tx(), c.siteId()), c.clusterId()),
                report.apiServerEndpoint(), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }
}
