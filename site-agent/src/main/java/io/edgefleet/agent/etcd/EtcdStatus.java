package io.edgefleet.agent.etcd;

import java.net.URI;
import java.util.List;

/**
 * What one member says of itself ({@code /v3/maintenance/status}).
 *
 * @param revision the member's key-value store revision when it answered
 * @param errors alarms and health problems the member reports (empty when healthy)
 */
public record EtcdStatus(URI endpoint, String memberId, String leaderId, long revision, long raftIndex,
                         boolean learner, String version, long dbSize, List<String> errors) {

    public EtcdStatus {
        errors = List.copyOf(errors);
    }

    public boolean healthy() {
        return errors.isEmpty() && leaderId != null && !"0".equals(leaderId);
    }
}
