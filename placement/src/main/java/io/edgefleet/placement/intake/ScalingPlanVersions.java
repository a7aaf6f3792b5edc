package io.edgefleet.placement.intake;

import io.edgefleet.events.outcome.ClusterStatus;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.placement.store.SiteStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which site plan carries a cluster's latest control-plane change, and whether a READY report saw
 * it. A scale moves its cluster to SCALING in a request batch whose plan version is known only once
 * the batch locks its sites ({@link SitePlans#finish}); that version is kept on the cluster row
 * ({@code scaling_plan_version}). The agent's READY names the plan it measured against: one measured
 * before the new plan reached it counts the old replicas, so it must not end SCALING; any later plan
 * (a higher version) still carries the change, so it may.
 */
@ApplicationScoped
class ScalingPlanVersions {
    /** A cluster the agent reports READY: being bootstrapped, or scaling its control plane. */
    private static final List<ClusterStatus> READY_FROM = List.of(ClusterStatus.PLACED, ClusterStatus.PROVISIONING,
            ClusterStatus.SCALING);

    /**
     * Records the plan version each scaled cluster's site got in this batch, with one statement,
     * and none for a batch without a control-plane change (the common case). The batch wrote these
     * cluster rows already, so this takes no lock it does not hold.
     */
    void remember(Connection tx, Map<String, Set<String>> scaledBySite, Map<String, SiteStore.Versions> versions)
            throws SQLException {
        if (scaledBySite.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        List<Long> planVersions = new ArrayList<>();
        scaledBySite.forEach((siteId, clusterIds) -> {
            SiteStore.Versions v = versions.get(siteId);
            if (v == null) {
                // finish() fails this batch for a site without a row; nothing to record for it.
                return;
            }
            clusterIds.forEach(id -> {
                ids.add(id);
                planVersions.add(v.plan());
            });
        });
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement("update cluster c set scaling_plan_version = u.version"
                + " from unnest(?::text[], ?::bigint[]) u(cluster_id, version) where c.cluster_id = u.cluster_id")) {
            ps.setArray(1, tx.createArrayOf("text", ids.toArray()));
            ps.setArray(2, tx.createArrayOf("bigint", planVersions.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Moves the reported cluster to READY, from SCALING only when the report's plan carries the
     * change (a cluster scaled before this column existed has none recorded and is taken as before).
     * One statement, as the plain transition was. Returns whether it moved.
     */
    boolean ready(Connection tx, ClusterBootstrapReported report) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("update cluster set status = ?, reason = ?, updated_at = now()"
                + " where cluster_id = ? and status = any (?)"
                + " and (status <> ? or scaling_plan_version is null or scaling_plan_version <= ?)")) {
            ps.setString(1, ClusterStatus.READY.name());
            ps.setString(2, report.reason());
            ps.setString(3, report.clusterId());
            ps.setArray(4, tx.createArrayOf("text", READY_FROM.stream().map(Enum::name).toArray()));
            ps.setString(5, ClusterStatus.SCALING.name());
            ps.setLong(6, report.planVersion());
            return ps.executeUpdate() == 1;
        }
    }
}
