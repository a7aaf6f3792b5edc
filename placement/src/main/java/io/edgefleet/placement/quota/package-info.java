/**
 * Fleet-wide team quotas (ADR 0032): the limits operators set ({@code TeamQuotaSet}), and how a
 * request batch enforces them across placement replicas. A batch locks the quota rows of the teams
 * it decides for, in team order, before any other lock; under those locks it sums what each team
 * holds from its allocations and live clusters, and counts what its own decisions take and free.
 * Usage is never stored, so deletes, scale-downs, host loss and expiry need no bookkeeping. Accepted
 * limits are published ({@code TeamQuotaChanged}, through the outbox) for the read side.
 */
package io.edgefleet.placement.quota;
