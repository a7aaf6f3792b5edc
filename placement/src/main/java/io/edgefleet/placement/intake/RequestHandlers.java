package io.edgefleet.placement.intake;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.request.ClusterUpgradeRequested;
import io.edgefleet.events.request.NetworkFunctionDeleteRequested;
import io.edgefleet.events.request.NetworkFunctionRequested;
import io.edgefleet.events.request.SiteConsolidateRequested;
import io.edgefleet.events.request.SiteEnrollRequested;
import io.edgefleet.placement.consolidation.ConsolidateHandler;
import io.edgefleet.events.request.TeamQuotaSet;
import io.edgefleet.placement.quota.TeamQuotaSetHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;

/**
 * Which handler decides which request: the one table from request type to handler. Exhaustive,
 * without {@code default}: a request type added to the contract does not compile until it is
 * routed here.
 */
@ApplicationScoped
class RequestHandlers {
    @Inject
    ClusterCreateHandler create;
    @Inject
    ClusterDeleteHandler delete;
    @Inject
    ClusterScaleHandler scale;
    @Inject
    ClusterUpgradeHandler upgrade;
    @Inject
    NetworkFunctionHandlers networkFunctions;
    @Inject
    SiteEnrollHandler enrollment;
    @Inject
    ConsolidateHandler consolidation;
    @Inject
    TeamQuotaSetHandler teamQuotas;

    Outcome decide(Batch batch, CloudEvent<EventPayload> event) throws SQLException {
        return switch (event.type()) {
            case CLUSTER_REQUESTED -> create.handle(batch, (ClusterRequested) event.data());
            case CLUSTER_DELETE_REQUESTED -> delete.handle(batch, (ClusterDeleteRequested) event.data());
            case CLUSTER_SCALE_REQUESTED -> scale.handle(batch, (ClusterScaleRequested) event.data());
            case NETWORK_FUNCTION_REQUESTED -> networkFunctions.create(batch, (NetworkFunctionRequested) event.data());
            case NETWORK_FUNCTION_DELETE_REQUESTED ->
                    networkFunctions.delete(batch, (NetworkFunctionDeleteRequested) event.data());
            case SITE_ENROLL_REQUESTED -> enrollment.handle(batch, (SiteEnrollRequested) event.data());
            case CLUSTER_UPGRADE_REQUESTED -> upgrade.handle(batch, (ClusterUpgradeRequested) event.data());
            case SITE_CONSOLIDATE_REQUESTED ->
                    consolidation.handle(batch, event.requestId(), (SiteConsolidateRequested) event.data());
            case TEAM_QUOTA_SET -> teamQuotas.handle(batch, event.requestId(), (TeamQuotaSet) event.data());
            case REQUEST_ACCEPTED, REQUEST_REJECTED, CLUSTER_STATUS_CHANGED, NETWORK_FUNCTION_STATUS_CHANGED,
                    SITE_PLAN, AGENT_HEARTBEAT, MICROVM_STATE_CHANGED, CLUSTER_BOOTSTRAP_REPORTED,
                    HOST_STATE_CHANGED, CLUSTER_SECRETS_SEALED, NETWORK_FUNCTION_REPORTED,
                    SITE_CONSOLIDATION_CHANGED, TEAM_QUOTA_CHANGED ->
                    throw new IllegalStateException("not a request: " + event.type());
        };
    }
}
