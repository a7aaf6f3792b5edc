package io.edgefleet.placement.intake;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;

/** Turns a polled batch into plain {@link IncomingRecord}s (headers as UTF-8 strings). */
final class KafkaRecords {
    private KafkaRecords() {
    }

    static List<IncomingRecord> of(KafkaRecordBatch<String, byte[]> batch) {
        List<IncomingRecord> out = new ArrayList<>();
        for (KafkaRecord<String, byte[]> r : batch) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header h : r.getHeaders()) {
                // Last one wins, as in the CloudEvents Kafka binding; a null value reads as empty.
                headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
            }
            out.add(new IncomingRecord(r.getTopic(), r.getPartition(), offset(r), timestamp(r), r.getKey(), headers,
                    r.getPayload()));
        }
        return out;
    }

    private static long timestamp(KafkaRecord<String, byte[]> record) {
        return record.getTimestamp() == null ? 0 : record.getTimestamp().toEpochMilli();
    }

    private static long offset(KafkaRecord<String, byte[]> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
    }
}
