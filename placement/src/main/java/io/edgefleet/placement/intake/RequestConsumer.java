package io.edgefleet.placement.intake;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Kafka intake of requests: one polled batch at a time, in order, acknowledged after it committed. */
@ApplicationScoped
public class RequestConsumer {
    @Inject
    RequestBatchProcessor processor;

    @Incoming("cluster-requests")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        processor.process(KafkaRecords.of(batch));
        return batch.ack();
    }
}
