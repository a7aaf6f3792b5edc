package io.edgefleet.placement.intake;

import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.Topics;
import io.edgefleet.events.report.AgentHeartbeat;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.events.report.HostStateChanged;
import io.edgefleet.events.validation.Validated;
import io.edgefleet.events.validation.Violation;
import io.edgefleet.events.validation.ViolationCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A poll of site reports, decoded once, before any transaction: the inventory reports
 * (heartbeats, host states), the other reports, and the dead letters of what could not be read.
 * Decoding is pure, so a retried or split batch decodes nothing twice and a transaction holds no
 * lock while JSON is parsed. Reports are in site-id order (stable: each site keeps its own order),
 * the order every writer locks site and host rows in; in {@code rest}, bootstrap reports come before
 * the others, as every writer locks cluster rows before allocation rows.
 *
 * @param inventory     heartbeats and host-state reports, for {@link SiteInventory}
 * @param rest          every other report
 * @param otherRecords  the records of {@code rest} and of the dead letters, in the poll's order (what
 *                      is left to apply, one by one if need be, once the inventory reports are committed)
 * @param deadLetters   what could not be read, for the dead-letter topic
 */
record Poll(List<SiteInventory.Report> inventory, List<CloudEvent<EventPayload>> rest,
            List<IncomingRecord> otherRecords, List<DeadLetter> deadLetters) {

    /** A record that is not a readable site report. */
    record DeadLetter(EncodedEvent event, String topic, String code) {
    }

    private record Decoded(CloudEvent<EventPayload> event, IncomingRecord record) {
    }

    static Poll of(List<IncomingRecord> records) {
        List<Decoded> decoded = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (IncomingRecord record : records) {
            Validated<CloudEvent<EventPayload>> d = CloudEventCodec.decode(record.headers(), record.value());
            if (!d.isValid()) {
                String code = d.violations().get(0).code().name();
                deadLetters.add(new DeadLetter(DeadLetters.of(record, code, d.violations()), record.topic(), code));
                continue;
            }
            CloudEvent<EventPayload> event = d.toOptional().orElseThrow();
            if (!event.type().topic().equals(Topics.SITE_REPORTS)) {
                String code = ViolationCode.UNKNOWN_TYPE.name();
                deadLetters.add(new DeadLetter(DeadLetters.of(record, code, List.of(new Violation("ce_type",
                        ViolationCode.UNKNOWN_TYPE, event.type().ceType() + " is not a site report; it belongs on "
                        + event.type().topic()))), record.topic(), code));
                continue;
            }
            decoded.add(new Decoded(event, record));
        }
        decoded.sort(Comparator.comparing(x -> x.event().key() == null ? "" : x.event().key()));
        List<SiteInventory.Report> inventory = new ArrayList<>();
        List<CloudEvent<EventPayload>> clusterReports = new ArrayList<>();
        List<CloudEvent<EventPayload>> otherReports = new ArrayList<>();
        Set<IncomingRecord> inventoryRecords = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Decoded x : decoded) {
            if (x.event().data() instanceof AgentHeartbeat || x.event().data() instanceof HostStateChanged) {
                inventory.add(new SiteInventory.Report(x.event().data(), x.record()));
                inventoryRecords.add(x.record());
            } else if (x.event().data() instanceof ClusterBootstrapReported) {
                clusterReports.add(x.event());
            } else {
                otherReports.add(x.event());
            }
        }
        // Cluster rows before allocation rows, the order a request batch locks them in (a deletion
        // updates its cluster, then deletes its allocations): bootstrap reports update clusters,
        // microVM reports allocations. The other order deadlocked with a deletion (docs/scale.md).
        List<CloudEvent<EventPayload>> rest = new ArrayList<>(clusterReports);
        rest.addAll(otherReports);
        // In the poll's (offset) order: applied one by one, each moves the report clock to its own offset.
        List<IncomingRecord> other = records.stream().filter(r -> !inventoryRecords.contains(r)).toList();
        return new Poll(List.copyOf(inventory), List.copyOf(rest), List.copyOf(other), List.copyOf(deadLetters));
    }
}
