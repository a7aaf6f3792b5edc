package io.edgefleet.bench.servicedensity;

import io.edgefleet.placement.engine.BatchOptions;
import io.edgefleet.placement.engine.BatchResult;
import io.edgefleet.placement.engine.Decision;
import io.edgefleet.placement.engine.NetworkFunctionRequest;
import io.edgefleet.placement.engine.PlacementEngine;
import io.edgefleet.placement.engine.ledger.SiteState;
import io.edgefleet.placement.engine.model.Site;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The yardstick: the engine's batch packer places a live set at once on the empty site, with every
 * rule the service keeps (anti-affinity, whole hosts for bare-metal workers), and a larger budget
 * than a poll gets; then the network functions, largest first, one by one.
 */
final class PackerBaseline {
    private PackerBaseline() {
    }

    /** The packed site and how many of the live set did not fit. */
    record Packed(SiteState state, int unplaced) {
    }

    static Packed pack(Site site, LiveSet live, long seed) {
        PlacementEngine engine = new PlacementEngine();
        SiteState empty = SiteState.of(site, List.of());
        BatchResult batch = engine.placeBatch(empty, live.clusters(), Map.of(),
                new BatchOptions(Duration.ofSeconds(2), 2_000, seed));
        SiteState state = batch.combined().applyTo(empty);
        int unplaced = live.clusters().size() - batch.accepted();
        List<NetworkFunctionRequest> nfs = live.functions();
        nfs.sort((a, b) -> Integer.compare(b.replicas() * b.pinnedCores(), a.replicas() * a.pinnedCores()));
        for (NetworkFunctionRequest nf : nfs) {
            Decision d = engine.placeNetworkFunction(state, nf, null);
            if (d.accepted()) {
                state = d.applyTo(state);
            } else {
                unplaced++;
            }
        }
        return new Packed(state, unplaced);
    }
}
