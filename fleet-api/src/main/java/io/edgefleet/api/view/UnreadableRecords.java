package io.edgefleet.api.view;

import io.edgefleet.events.DeadLetters;
import io.edgefleet.events.Topics;
import io.edgefleet.events.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * What becomes of a record the view cannot read: it goes, key and value unchanged, to {@link Topics#DEAD_LETTERS}
 * with the contract's dead-letter headers ({@link DeadLetters}: the original headers, the reason, where it was
 * read), so it can be found and replayed once fixed; it is counted ({@code fleet_api_view_records_unreadable_total});
 * and it is logged, at most once per topic every {@link #LOG_EVERY}, so that a flood of them cannot flood the log.
 * Sending is asynchronous: the feed goes on with the next record at once.
 */
final class UnreadableRecords implements AutoCloseable {
    static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(UnreadableRecords.class);

    private final Producer<String, byte[]> producer;
    private final ViewMetrics metrics;
    private final Map<String, long[]> lastLogged = new ConcurrentHashMap<>();

    UnreadableRecords(Producer<String, byte[]> producer, ViewMetrics metrics) {
        this.producer = producer;
        this.metrics = metrics;
    }

    void handle(String topic, int partition, long offset, String key, Map<String, String> headers, byte[] value,
                List<Violation> why) {
        metrics.unreadable(topic);
        log(topic, partition, offset, why);
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(Topics.DEAD_LETTERS, key,
                value == null ? new byte[0] : value);
        DeadLetters.headers(headers, why, topic, partition, offset)
                .forEach((k, v) -> letter.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(letter, (meta, error) -> {
                if (error != null) {
                    metrics.deadLetterFailed();
                    LOG.warnf("the dead letter of %s-%d@%d was not accepted by the broker: %s", topic, partition, offset,
                            error.toString());
                }
            });
        } catch (RuntimeException e) {
            metrics.deadLetterFailed();
            LOG.warnf("the dead letter of %s-%d@%d could not be sent: %s", topic, partition, offset, e.toString());
        }
    }

    private void log(String topic, int partition, long offset, List<Violation> why) {
        long now = System.nanoTime();
        long[] state = lastLogged.computeIfAbsent(topic, t -> new long[] {now - LOG_EVERY.toNanos() - 1, 0});
        synchronized (state) {
            if (now - state[0] <= LOG_EVERY.toNanos()) {
                state[1]++;
                return;
            }
            String more = state[1] == 0 ? "" : " (and " + state[1] + " more on this topic since the last such line)";
            state[0] = now;
            state[1] = 0;
            LOG.warnf("unreadable record %s-%d@%d sent to %s%s: %s", topic, partition, offset, Topics.DEAD_LETTERS,
                    more, why);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
