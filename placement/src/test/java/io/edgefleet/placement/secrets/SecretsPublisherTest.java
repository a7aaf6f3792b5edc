package io.edgefleet.placement.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class SecretsPublisherTest {
    /** A site's secrets go where Kafka's own partitioner puts the site's plan (key = site id). */
    @Test
    void aSitesPartitionIsTheOneItsPlansAreIn() {
        for (String site : List.of("edge-par-01", "edge-lyo-02", "sec-1", "s", "a-very-long-site-identifier-0042")) {
            for (int partitions : new int[] {1, 3, 8, 12}) {
                assertEquals(BuiltInPartitioner.partitionForKey(site.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        partitions), SecretsPublisher.partitionOf(site, partitions), site + " over " + partitions);
            }
        }
    }
}
