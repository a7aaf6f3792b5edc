package io.edgefleet.events;

import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.secret.ClusterSecretsSealed;
import io.edgefleet.events.outcome.NetworkFunctionStatusChanged;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.outcome.RequestRejected;
import io.edgefleet.events.outcome.SiteConsolidationChanged;
import io.edgefleet.events.outcome.TeamQuotaChanged;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.events.report.HostStateChanged;
import io.edgefleet.events.report.MicroVmStateChanged;
import io.edgefleet.events.report.NetworkFunctionReported;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.request.ClusterUpgradeRequested;
import io.edgefleet.events.request.NetworkFunctionDeleteRequested;
import io.edgefleet.events.request.NetworkFunctionRequested;
import io.edgefleet.events.request.SiteConsolidateRequested;
import io.edgefleet.events.request.SiteEnrollRequested;
import io.edgefleet.events.request.TeamQuotaSet;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one table of CloudEvent types: {@code ce_type} string ↔ payload record ↔ topic.
 *
 * <p>Every mapping is an exhaustive {@code switch}, so adding a constant without deciding its
 * record and topic does not compile.
 */
public enum EventType {
    CLUSTER_REQUESTED("io.edgefleet.cluster.requested.v1"),
    CLUSTER_SCALE_REQUESTED("io.edgefleet.cluster.scale-requested.v1"),
    CLUSTER_DELETE_REQUESTED("io.edgefleet.cluster.delete-requested.v1"),
    NETWORK_FUNCTION_REQUESTED("io.edgefleet.networkfunction.requested.v1"),
    NETWORK_FUNCTION_DELETE_REQUESTED("io.edgefleet.networkfunction.delete-requested.v1"),
    SITE_ENROLL_REQUESTED("io.edgefleet.site.enroll-requested.v1"),
    REQUEST_ACCEPTED("io.edgefleet.request.accepted.v1"),
    REQUEST_REJECTED("io.edgefleet.request.rejected.v1"),
    CLUSTER_STATUS_CHANGED("io.edgefleet.cluster.status-changed.v1"),
    NETWORK_FUNCTION_STATUS_CHANGED("io.edgefleet.networkfunction.status-changed.v1"),
    SITE_PLAN("io.edgefleet.site.plan.v1"),
    AGENT_HEARTBEAT("io.edgefleet.agent.heartbeat.v1"),
    MICROVM_STATE_CHANGED("io.edgefleet.microvm.state-changed.v1"),
    CLUSTER_BOOTSTRAP_REPORTED("io.edgefleet.cluster.bootstrap-reported.v1"),
    HOST_STATE_CHANGED("io.edgefleet.host.state-changed.v1"),
    CLUSTER_SECRETS_SEALED("io.edgefleet.cluster.secrets-sealed.v1"),
    NETWORK_FUNCTION_REPORTED("io.edgefleet.networkfunction.reported.v1"),
    CLUSTER_UPGRADE_REQUESTED("io.edgefleet.cluster.upgrade-requested.v1"),
    SITE_CONSOLIDATE_REQUESTED("io.edgefleet.site.consolidate-requested.v1"),
    TEAM_QUOTA_SET("io.edgefleet.team.quota-set.v1"),
    SITE_CONSOLIDATION_CHANGED("io.edgefleet.site.consolidation-changed.v1"),
    TEAM_QUOTA_CHANGED("io.edgefleet.team.quota-changed.v1");

    private static final Map<String, EventType> BY_CE_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));

    private final String ceType;

    EventType(String ceType) {
        this.ceType = ceType;
    }

    /** The {@code ce_type} string, reverse-DNS with a version suffix. */
    public String ceType() {
        return ceType;
    }

    /** The type without its version suffix, e.g. {@code io.edgefleet.cluster.requested}. */
    public String unversionedCeType() {
        return ceType.substring(0, ceType.lastIndexOf('.'));
    }

    /** The version suffix, e.g. {@code v1}. */
    public String version() {
        return ceType.substring(ceType.lastIndexOf('.') + 1);
    }

    /** The record the event's data binds to. */
    public Class<? extends EventPayload> payloadClass() {
        return switch (this) {
            case CLUSTER_REQUESTED -> ClusterRequested.class;
            case CLUSTER_SCALE_REQUESTED -> ClusterScaleRequested.class;
            case CLUSTER_DELETE_REQUESTED -> ClusterDeleteRequested.class;
            case NETWORK_FUNCTION_REQUESTED -> NetworkFunctionRequested.class;
            case NETWORK_FUNCTION_DELETE_REQUESTED -> NetworkFunctionDeleteRequested.class;
            case SITE_ENROLL_REQUESTED -> SiteEnrollRequested.class;
            case REQUEST_ACCEPTED -> RequestAccepted.class;
            case REQUEST_REJECTED -> RequestRejected.class;
            case CLUSTER_STATUS_CHANGED -> ClusterStatusChanged.class;
            case NETWORK_FUNCTION_STATUS_CHANGED -> NetworkFunctionStatusChanged.class;
            case SITE_PLAN -> SitePlan.class;
            case AGENT_HEARTBEAT -> AgentHeartbeat.class;
            case MICROVM_STATE_CHANGED -> MicroVmStateChanged.class;
            case CLUSTER_BOOTSTRAP_REPORTED -> ClusterBootstrapReported.class;
            case HOST_STATE_CHANGED -> HostStateChanged.class;
            case CLUSTER_SECRETS_SEALED -> ClusterSecretsSealed.class;
            case NETWORK_FUNCTION_REPORTED -> NetworkFunctionReported.class;
            case CLUSTER_UPGRADE_REQUESTED -> ClusterUpgradeRequested.class;
            case SITE_CONSOLIDATE_REQUESTED -> SiteConsolidateRequested.class;
            case TEAM_QUOTA_SET -> TeamQuotaSet.class;
            case SITE_CONSOLIDATION_CHANGED -> SiteConsolidationChanged.class;
            case TEAM_QUOTA_CHANGED -> TeamQuotaChanged.class;
        };
    }

    /** The topic the event is published on. */
    public String topic() {
        return switch (this) {
            case CLUSTER_REQUESTED, CLUSTER_SCALE_REQUESTED, CLUSTER_DELETE_REQUESTED,
                    NETWORK_FUNCTION_REQUESTED, NETWORK_FUNCTION_DELETE_REQUESTED, SITE_ENROLL_REQUESTED,
                    CLUSTER_UPGRADE_REQUESTED, SITE_CONSOLIDATE_REQUESTED, TEAM_QUOTA_SET -> Topics.CLUSTER_REQUESTS;
            case REQUEST_ACCEPTED, REQUEST_REJECTED, SITE_CONSOLIDATION_CHANGED -> Topics.REQUEST_OUTCOMES;
            case CLUSTER_STATUS_CHANGED, NETWORK_FUNCTION_STATUS_CHANGED, TEAM_QUOTA_CHANGED -> Topics.CLUSTER_STATUS;
            case SITE_PLAN -> Topics.SITE_PLANS;
            case AGENT_HEARTBEAT, MICROVM_STATE_CHANGED, CLUSTER_BOOTSTRAP_REPORTED,
                    HOST_STATE_CHANGED, NETWORK_FUNCTION_REPORTED -> Topics.SITE_REPORTS;
            case CLUSTER_SECRETS_SEALED -> Topics.CLUSTER_SECRETS;
        };
    }

    /** The kind of request this type is, empty for every non-request event. */
    public Optional<RequestKind> requestKind() {
        RequestKind kind = switch (this) {
            case CLUSTER_REQUESTED -> RequestKind.CLUSTER_CREATE;
            case CLUSTER_SCALE_REQUESTED -> RequestKind.CLUSTER_SCALE;
            case CLUSTER_DELETE_REQUESTED -> RequestKind.CLUSTER_DELETE;
            case NETWORK_FUNCTION_REQUESTED -> RequestKind.NETWORK_FUNCTION_CREATE;
            case NETWORK_FUNCTION_DELETE_REQUESTED -> RequestKind.NETWORK_FUNCTION_DELETE;
            case SITE_ENROLL_REQUESTED -> RequestKind.SITE_ENROLL;
            case CLUSTER_UPGRADE_REQUESTED -> RequestKind.CLUSTER_UPGRADE;
            case SITE_CONSOLIDATE_REQUESTED -> RequestKind.SITE_CONSOLIDATE;
            case TEAM_QUOTA_SET -> RequestKind.TEAM_QUOTA_SET;
            case REQUEST_ACCEPTED, REQUEST_REJECTED, CLUSTER_STATUS_CHANGED, NETWORK_FUNCTION_STATUS_CHANGED,
                    SITE_PLAN, AGENT_HEARTBEAT, MICROVM_STATE_CHANGED, CLUSTER_BOOTSTRAP_REPORTED,
                    HOST_STATE_CHANGED, CLUSTER_SECRETS_SEALED, NETWORK_FUNCTION_REPORTED,
                    SITE_CONSOLIDATION_CHANGED, TEAM_QUOTA_CHANGED -> null;
        };
        return Optional.ofNullable(kind);
    }

    /** Whether this is a request that placement answers with exactly one outcome. */
    public boolean isRequest() {
        return requestKind().isPresent();
    }

    /** Classpath resource of this type's JSON Schema. */
    public String schemaResource() {
        return "/schemas/" + ceType + ".json";
    }

    /** The type for a {@code ce_type} string, exact match only. */
    public static Optional<EventType> fromCeType(String ceType) {
        return Optional.ofNullable(ceType == null ? null : BY_CE_TYPE.get(ceType));
    }

    /** The type whose payload is this record class. */
    public static EventType of(Class<? extends EventPayload> payloadClass) {
        for (EventType type : values()) {
            if (type.payloadClass() == payloadClass) {
                return type;
            }
        }
        throw new IllegalArgumentException("not an event payload of the contract: " + payloadClass.getName());
    }

    /** The type of this payload. */
    public static EventType of(EventPayload payload) {
        return of(payload.getClass());
    }
}
