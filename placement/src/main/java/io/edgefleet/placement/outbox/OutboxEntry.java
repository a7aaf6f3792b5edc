package io.edgefleet.placement.outbox;

import io.edgefleet.events.EncodedEvent;

/** An event as written to the outbox: its row id and what the row holds. */
public record OutboxEntry(long id, EncodedEvent event) {
}
