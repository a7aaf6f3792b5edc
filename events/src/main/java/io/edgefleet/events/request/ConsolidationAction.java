package io.edgefleet.events.request;

/** What an operator asks of a site's consolidation. */
public enum ConsolidationAction {
    /** Compute the moves and the hosts they free; change nothing. */
    DRY_RUN,
    /** Perform the moves make-before-break: those of a dry run ({@code planId}) or freshly computed ones. */
    APPLY,
    /** Start no further move; moves already under way complete. */
    CANCEL
}
