package io.edgefleet.placement.store;

import io.edgefleet.events.report.AgentHeartbeat;
import java.time.Instant;

/**
 * A heartbeat as placement applies it.
 *
 * @param heartbeat the agent's heartbeat
 * @param partition the partition of {@code fleet.site-reports.v1} it arrived on, or -1 if unknown
 * @param at        its time: the Kafka record's timestamp, never later than when placement applied it
 *                  (so a backlog of reports does not age it, and a clock ahead of placement's cannot
 *                  make it look newer than it is)
 */
public record ReceivedHeartbeat(AgentHeartbeat heartbeat, int partition, Instant at) {
}
