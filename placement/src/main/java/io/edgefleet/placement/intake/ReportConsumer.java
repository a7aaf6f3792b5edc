package io.edgefleet.placement.intake;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Kafka intake of site reports (heartbeats, microVM and bootstrap reports). */
@ApplicationScoped
public class ReportConsumer {
    @Inject
    ReportBatchProcessor processor;

    @Incoming("site-reports")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        processor.process(KafkaRecords.of(batch));
        return batch.ack();
    }
}
