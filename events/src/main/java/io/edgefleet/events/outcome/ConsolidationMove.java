package io.edgefleet.events.outcome;

/**
 * One make-before-break move of a consolidation.
 *
 * @param holderId   the microVM or NF replica that moves
 * @param ownerId    its cluster or network function
 * @param fromHostId where it runs now
 * @param toHostId   where it goes
 * @param done       whether the new side runs and the old one is gone
 */
public record ConsolidationMove(String holderId, String ownerId, String fromHostId, String toHostId, boolean done) {
}
