package io.edgefleet.placement.engine;

import io.edgefleet.placement.engine.model.Allocation;

/**
 * A holder that lost its host and could not be placed again.
 *
 * @param previous the allocation it held on the lost host
 * @param reason   why no other host can take it
 */
public record Unplaced(Allocation previous, Rejection reason) {
}
