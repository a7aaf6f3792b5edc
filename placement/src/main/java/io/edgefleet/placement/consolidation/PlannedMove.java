package io.edgefleet.placement.consolidation;

import io.edgefleet.placement.engine.model.Allocation;
import java.util.Objects;

/**
 * One make-before-break move of a consolidation, as stored: the holder, where it runs, where it
 * goes and how far the move got.
 *
 * @param holderId     the microVM (or NF replica) that moves
 * @param kind         its holder kind, by name
 * @param ownerId      its cluster or network function
 * @param fromHostId   where it runs when the plan was made
 * @param toHostId     where it goes
 * @param numaNode     NUMA node on the new host ({@link Allocation#ANY_NUMA} for microVMs)
 * @param phase        how far the move got
 * @param newMicroVmId the replacement microVM once started, else null
 */
public record PlannedMove(String holderId, String kind, String ownerId, String fromHostId, String toHostId,
                          int numaNode, Phase phase, String newMicroVmId) {

    /** How far a move got. */
    public enum Phase {
        /** Not started; a cancel drops it. */
        PENDING,
        /** The new side is placed; the old one runs until the new one does. */
        STARTED,
        /** The new side runs and the old one left the plan (or the holder went away meanwhile). */
        DONE,
        /** Never started: cancelled, or the consolidation stopped before it. */
        DROPPED
    }

    public PlannedMove {
        Objects.requireNonNull(holderId, "holderId");
        Objects.requireNonNull(phase, "phase");
    }

    /** The move of {@code to}'s holder from {@code from}, not started. */
    public static PlannedMove of(Allocation from, Allocation to) {
        return new PlannedMove(to.holderId(), to.kind().name(), to.ownerId(), from.hostId(), to.hostId(),
                to.numaNode(), Phase.PENDING, null);
    }

    /** This move in another phase. */
    public PlannedMove in(Phase next) {
        return new PlannedMove(holderId, kind, ownerId, fromHostId, toHostId, numaNode, next, newMicroVmId);
    }

    /** This move started, its replacement microVM named (null for an NF replica). */
    public PlannedMove started(String replacement) {
        return new PlannedMove(holderId, kind, ownerId, fromHostId, toHostId, numaNode, Phase.STARTED, replacement);
    }

    /** The holder's allocation once moved: {@code current} on the new host. */
    public Allocation target(Allocation current) {
        return current.movedTo(toHostId, numaNode);
    }
}
