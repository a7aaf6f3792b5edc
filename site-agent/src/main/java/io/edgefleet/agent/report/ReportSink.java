package io.edgefleet.agent.report;

import io.edgefleet.events.EventPayload;

/** Where the agent's reports go: Kafka in the app ({@link Reporter}), a list in tests. */
@FunctionalInterface
public interface ReportSink {
    /** Sends one report; never throws for a delivery problem (the next run reports the truth again). */
    void report(EventPayload payload);
}
