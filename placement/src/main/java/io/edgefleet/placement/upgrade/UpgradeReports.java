package io.edgefleet.placement.upgrade;

import io.edgefleet.events.report.BootstrapState;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.events.report.MicroVmState;
import io.edgefleet.events.report.MicroVmStateChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What site reports tell a rolling upgrade, noted in the report batch's transaction for the sweeper to act
 * on ({@link UpgradeSweep}): a READY and the plan it was measured against (it ends a step's phase), what
 * the agent says while the cluster is not READY (shown if the step times out), and a failure of the
 * newcomer being added. That failure stops the roll instead of failing the cluster: the replicas that
 * serve are untouched, and the newcomer is removed again.
 */
@ApplicationScoped
public class UpgradeReports {
    @Inject
    UpgradeStore upgrades;

    /** Notes a READY or BOOTSTRAPPING report of a rolling cluster; a cluster that does not roll costs one update of no row. */
    public void observed(Connection tx, ClusterBootstrapReported report) throws SQLException {
        if (report.state() == BootstrapState.READY) {
            upgrades.readySeen(tx, report.clusterId(), report.planVersion());
        } else if (report.state() == BootstrapState.BOOTSTRAPPING && report.reason() != null) {
            upgrades.reported(tx, report.clusterId(), report.reason());
        }
    }

    /** True when the failed microVM is a roll's newcomer: the roll stops, the cluster stays as it is. */
    public boolean absorbs(Connection tx, MicroVmStateChanged vm) throws SQLException {
        return vm.state() == MicroVmState.FAILED && upgrades.newcomerFailed(tx, vm.microVmId(), "microVM "
                + vm.microVmId() + " failed on host " + vm.hostId() + (vm.reason() == null ? "" : ": " + vm.reason()));
    }

    /**
     * True when a FAILED bootstrap names the newcomer of the cluster's latest roll while it joins, or after the
     * roll stopped and removed it (the agent reports the cluster FAILED when a control-plane microVM fails): it
     * is that roll's failure, not the cluster's.
     */
    public boolean absorbs(Connection tx, ClusterBootstrapReported report) throws SQLException {
        if (report.state() != BootstrapState.FAILED || report.reason() == null) {
            return false;
        }
        Optional<UpgradeRow> found = upgrades.find(tx, report.clusterId());
        if (found.isEmpty() || found.get().newMicroVmId() == null || !report.reason().contains(found.get().newMicroVmId())) {
            return false;
        }
        UpgradeRow roll = found.get();
        // Joining now, or removed again when the roll stopped (a late report of it): either way not a serving replica.
        boolean joining = roll.rolling() && UpgradeRow.ADDING.equals(roll.phase());
        boolean removed = UpgradeRow.FAILED.equals(roll.state()) && !roll.upgradedHolders().contains(roll.newHolder());
        if (joining) {
            upgrades.newcomerFailed(tx, roll.newMicroVmId(), report.reason());
        }
        return joining || removed;
    }
}
