package io.edgefleet.agent.reconcile;

import io.edgefleet.agent.driver.GuestSeed;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.plan.PlannedMicroVm;

/**
 * What a planned microVM is given to become a Kubernetes node when it boots: nothing (a site without a
 * network, a local fleet), a cloud-init seed, or nothing YET, with the reason it waits (its cluster's
 * secrets have not arrived). The planner never boots a microVM that waits: a node booted without its
 * seed would come up as no node at all, and cloud-init runs a seed only on an instance's first boot.
 */
public interface NodeBootstraps {
    /** Boots every microVM without a seed. */
    NodeBootstraps NONE = (plan, vm) -> Bootstrap.none();

    Bootstrap of(SitePlan plan, PlannedMicroVm vm);

    /** Exactly one of: neither set (boot plainly), {@code seed}, or {@code waitingFor}. */
    record Bootstrap(GuestSeed seed, String waitingFor) {
        public static Bootstrap none() {
            return new Bootstrap(null, null);
        }

        public static Bootstrap seed(GuestSeed seed) {
            return new Bootstrap(seed, null);
        }

        public static Bootstrap waiting(String reason) {
            return new Bootstrap(null, reason);
        }

        public boolean waits() {
            return waitingFor != null;
        }
    }
}
