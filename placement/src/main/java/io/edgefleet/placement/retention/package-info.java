/**
 * Retention of placement's store: ended clusters and network functions, and request log rows, are
 * deleted once they are older than {@code edgefleet.placement.retention.period}
 * ({@link io.edgefleet.placement.retention.RetentionJob}, SQL in
 * {@link io.edgefleet.placement.retention.RetentionStore}). Without it these tables grow with every
 * cluster and request ever handled. Two consequences of a purge: a request id seen again after its log
 * row went is a new request, and the id of a purged cluster or network function may be used again.
 */
package io.edgefleet.placement.retention;
