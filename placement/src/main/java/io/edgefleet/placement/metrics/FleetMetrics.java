package io.edgefleet.placement.metrics;

/**
 * Every metric name and tag key of the placement service, declared once. Names carry the
 * {@code fleet_} prefix and base units (seconds, ratios); Micrometer adds {@code _total} to
 * counters and {@code _seconds_*} series to timers on the Prometheus endpoint. Tags are
 * low-cardinality: a site id is allowed, a microVM or request id never. docs/metrics.md lists
 * each one with its meaning; keep both in step.
 */
public final class FleetMetrics {
    private FleetMetrics() {
    }

    /** Counter: requests by outcome (accepted, rejected, duplicate), kind and reason. */
    public static final String REQUESTS = "fleet_placement_requests";
    /** Counter: records sent to the dead-letter topic, by source topic and violation code. */
    public static final String DEAD_LETTERS = "fleet_placement_dead_letters";
    /** Timer: the engine's decision for one request, by kind. */
    public static final String DECISION = "fleet_placement_decision";
    /** Timer: from a request's Kafka timestamp to its site's plan committed in the outbox. */
    public static final String REQUEST_TO_PLAN = "fleet_placement_request_to_plan";
    /** Timer: one polled batch, from start to commit, by consumer (requests, reports). */
    public static final String BATCH = "fleet_placement_batch";
    /** Counter: batches rolled back and decided again, by cause. */
    public static final String BATCH_RETRIES = "fleet_placement_batch_retries";
    /** Gauge: hosts of the fleet by state (READY, CORDONED, DOWN). */
    public static final String HOSTS = "fleet_hosts";
    /** Gauge: allocated share of a site's allocatable capacity, by site and resource. */
    public static final String UTILISATION = "fleet_site_utilisation_ratio";
    /** Gauge: outbox rows written but not yet acknowledged by the broker. */
    public static final String OUTBOX_BACKLOG = "fleet_outbox_backlog";
    /** Gauge: age of the oldest unsent outbox row (0 when the outbox is empty). */
    public static final String OUTBOX_OLDEST = "fleet_outbox_oldest_unsent_seconds";
    /** Counter: outbox rows published and stamped sent, by topic. */
    public static final String OUTBOX_PUBLISHED = "fleet_outbox_published";
    /** Timer: from an outbox row's commit to the broker's acknowledgement. */
    public static final String OUTBOX_PUBLISH_LAG = "fleet_outbox_publish_lag";
    /** Gauge: bare-metal hosts that control planes would take as dedicated servers, minus those they share. */
    public static final String HOSTS_SAVED = "fleet_baremetal_hosts_saved";
    /** Counter: lifecycle actions, by action. */
    public static final String LIFECYCLE = "fleet_lifecycle_actions";

    /** Tag keys. */
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_KIND = "kind";
    public static final String TAG_REASON = "reason";
    public static final String TAG_TOPIC = "topic";
    public static final String TAG_CODE = "code";
    public static final String TAG_CONSUMER = "consumer";
    public static final String TAG_CAUSE = "cause";
    public static final String TAG_STATE = "state";
    public static final String TAG_SITE = "site";
    public static final String TAG_RESOURCE = "resource";
    public static final String TAG_ACTION = "action";

    /** Values of {@link #TAG_OUTCOME}. */
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String DUPLICATE = "duplicate";
}
