package io.edgefleet.agent.etcd;

import java.net.URI;

/**
 * A snapshot streamed from one member.
 *
 * @param revision the member's revision read just before the snapshot started on the same member: the
 *                 snapshot holds every write up to this revision (and possibly a few after it)
 * @param bytes the size of the snapshot file, etcd's trailing SHA-256 included
 */
public record SnapshotResult(URI endpoint, long revision, long bytes) {
}
