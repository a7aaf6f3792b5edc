package io.edgefleet.agent.driver.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that starts a VMM already inside its cgroups (and network namespace): a shell writes its
 * own pid into each {@code cgroup.procs} and then executes the VMM in place, so the VMM keeps that pid,
 * never runs a thread outside its cpuset, and no agent is needed to move it (hosts without systemd have
 * no {@code systemd-run}). If a cgroup refuses the pid, the shell exits 97 before the VMM starts, and
 * the refusal is in the VMM's log.
 */
public final class VmmLaunch {
    private static final String JOIN_THEN_EXEC =
            "n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 97; shift; n=$((n-1)); done; exec \"$@\"";

    private VmmLaunch() {
    }

    /**
     * @param cgroupProcs the {@code cgroup.procs} files to join, possibly none
     * @param netns       network namespace to run in (its taps live there), or null
     * @param vmm         the VMM's own command line
     */
    public static List<String> wrap(List<Path> cgroupProcs, String netns, List<String> vmm) {
        if (cgroupProcs.isEmpty() && netns == null) {
            return List.copyOf(vmm); // nothing to join: the VMM itself
        }
        List<String> argv = new ArrayList<>(List.of("sh", "-c", JOIN_THEN_EXEC, "edgefleet-vmm",
                Integer.toString(cgroupProcs.size())));
        cgroupProcs.forEach(p -> argv.add(p.toString()));
        if (netns != null) {
            // ip netns exec enters the namespace and executes the command in place: still the same pid.
            argv.addAll(List.of("ip", "netns", "exec", netns));
        }
        argv.addAll(vmm);
        return argv;
    }
}
