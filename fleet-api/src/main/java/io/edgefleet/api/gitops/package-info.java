/**
 * GitOps intake: a watcher of a Git repository of cluster and network-function specs that turns each added,
 * changed or removed spec into the request REST would have published, under an id derived from the spec, so
 * that reading the same spec again never places twice. Off unless {@code fleet.gitops.repository} is set; it
 * only fetches and reads, never writes (docs/operate.md, "GitOps intake"; ADR 0033).
 */
package io.edgefleet.api.gitops;
