package io.edgefleet.events.outcome;

/** Where a site's consolidation stands. */
public enum ConsolidationState {
    /** A dry run: the moves are listed, nothing changed. */
    PLANNED,
    /** Moves are under way. */
    APPLYING,
    /** Every move is done; {@code hostsFreed} lists the emptied hosts. */
    DONE,
    /** Cancelled: moves not yet started were dropped, those under way completed. */
    CANCELLED,
    /** Stopped on a failed move or a refused plan; the reason says which. */
    FAILED
}
