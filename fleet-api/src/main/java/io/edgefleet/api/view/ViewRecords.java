package io.edgefleet.api.view;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.Topics;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.outcome.NetworkFunctionStatusChanged;
import io.edgefleet.events.outcome.RequestAccepted;
import io.edgefleet.events.outcome.RequestRejected;
import io.edgefleet.events.outcome.SiteConsolidationChanged;
import io.edgefleet.events.outcome.TeamQuotaChanged;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.HostStateChanged;
import io.edgefleet.events.secret.ClusterSecretsSealed;
import io.edgefleet.events.validation.Validated;
import io.edgefleet.events.validation.Violation;
import io.edgefleet.events.validation.ViolationCode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Applies one record to the views: decodes it with the contract's codec and hands the event to {@link FleetView} or
 * {@link ClusterSecretsView}. A record that cannot be read, or whose event the view cannot take, is answered with
 * why, never with an exception: one poison record must not stop the feed or the records after it.
 */
final class ViewRecords {
    private final FleetView view;
    private final ClusterSecretsView secrets;

    ViewRecords(FleetView view, ClusterSecretsView secrets) {
        this.view = view;
        this.secrets = secrets;
    }

    /** @return why the record could not be applied; empty when it was (or when it is a tombstone) */
    List<Violation> apply(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.value() == null) {
                forget(record);
                return List.of();
            }
            Validated<CloudEvent<EventPayload>> decoded = CloudEventCodec.decode(headers(record), record.value());
            if (!decoded.isValid()) {
                return decoded.violations();
            }
            dispatch(decoded.toOptional().orElseThrow().data(), record.timestamp());
            return List.of();
        } catch (RuntimeException e) {
            return List.of(new Violation("$", ViolationCode.UNREADABLE, "fleet-api could not apply this event: " + e));
        }
    }

    /** The record's headers as text, as the codec and the dead-letter topic take them. */
    static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** A tombstone on a compacted topic: the key's value is gone. */
    private void forget(ConsumerRecord<String, byte[]> record) {
        if (Topics.CLUSTER_STATUS.equals(record.topic())) {
            view.forgetStatus(record.key());
        } else if (Topics.CLUSTER_SECRETS.equals(record.topic())) {
            secrets.forget(record.key());
        }
    }

    private void dispatch(EventPayload data, long publishedAt) {
        if (data instanceof ClusterStatusChanged status) {
            view.apply(status);
        } else if (data instanceof NetworkFunctionStatusChanged status) {
            view.apply(status);
        } else if (data instanceof RequestAccepted accepted) {
            view.apply(accepted, publishedAt);
        } else if (data instanceof RequestRejected rejected) {
            view.apply(rejected, publishedAt);
        } else if (data instanceof SitePlan plan) {
            view.apply(plan);
        } else if (data instanceof AgentHeartbeat heartbeat) {
            view.apply(heartbeat);
        } else if (data instanceof HostStateChanged change) {
            view.apply(change);
        } else if (data instanceof SiteConsolidationChanged consolidation) {
            view.apply(consolidation);
        } else if (data instanceof TeamQuotaChanged quota) {
            view.apply(quota);
        } else if (data instanceof ClusterSecretsSealed sealed) {
            secrets.apply(sealed);
        }
    }
}
