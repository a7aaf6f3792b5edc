package io.edgefleet.agent.plan;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition a site's records land in: the Kafka producer's default for a keyed record
 * (murmur2 of the key, modulo the partition count). The agent assigns itself just this
 * partition, so it never reads more than 1/N of the plan traffic and needs no consumer group.
 */
public final class SitePartition {
    private SitePartition() {
    }

    public static int of(String siteId, int partitions) {
        return Utils.toPositive(Utils.murmur2(siteId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
