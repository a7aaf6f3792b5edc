package io.edgefleet.placement.metrics;

import java.util.Map;

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
    /** Counter: outbox rows published (acknowledged by the broker, then deleted), by topic. */
    public static final String OUTBOX_PUBLISHED = "fleet_outbox_published";
    /** Timer: from an outbox row's commit to the broker's acknowledgement. */
    public static final String OUTBOX_PUBLISH_LAG = "fleet_outbox_publish_lag";
    /** Gauge: bare-metal hosts that control planes would take as dedicated servers, minus those they share. */
    public static final String HOSTS_SAVED = "fleet_baremetal_hosts_saved";
    /** Counter: lifecycle actions, by action. */
    public static final String LIFECYCLE = "fleet_lifecycle_actions";
    /** Gauge: seconds since a site's agent last sent a heartbeat, by site. */
    public static final String HEARTBEAT_AGE = "fleet_site_heartbeat_age_seconds";
    /**
     * Counter: heartbeats applied, by what they wrote (liveness: the site row only; inventory: its host rows
     * too; stale_inventory: the site row only, a light heartbeat naming an inventory the host rows do not hold).
     */
    public static final String HEARTBEATS = "fleet_placement_heartbeats";
    /** Gauge: how far the report clock that silence is judged on trails the present, oldest report partition. */
    public static final String REPORT_CLOCK_LAG = "fleet_placement_report_clock_lag_seconds";
    /** Counter: site reports whose signature failed the check (dropped unless enforcement is off), by reason. */
    public static final String SITE_REPORTS_DROPPED = "fleet_placement_site_reports_dropped";

    /** Counter: clusters whose secrets (CAs, keys, token) were made and stored, by this replica. */
    public static final String CLUSTER_SECRETS_ISSUED = "fleet_placement_cluster_secrets_issued";
    /** Counter: sealings of a cluster's secrets the broker acknowledged on fleet.cluster-secrets.v1. */
    public static final String CLUSTER_SECRETS_SEALED = "fleet_placement_cluster_secrets_sealed";
    /** Counter: ended clusters whose secrets were removed (tombstone acknowledged, row deleted). */
    public static final String CLUSTER_SECRETS_REMOVED = "fleet_placement_cluster_secrets_removed";
    /** Timer: one pass of the cluster secrets issuer (issue, seal, remove). */
    public static final String CLUSTER_SECRETS_PASS = "fleet_placement_cluster_secrets_pass";
    /** Counter: ended clusters, ended network functions and old request log rows purged, by kind. */
    public static final String RETENTION_PURGED = "fleet_placement_retention_purged";

    /** The help text of each meter (Prometheus HELP line; promtool refuses metrics without one). */
    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry(REQUESTS, "Requests answered, by outcome (accepted, rejected, duplicate), kind and rejection reason"),
            Map.entry(DEAD_LETTERS, "Records that could not be read as an event and went to the dead-letter topic"),
            Map.entry(DECISION, "Time the engine took to decide one request (CPU only, no I/O)"),
            Map.entry(REQUEST_TO_PLAN, "From a request's Kafka timestamp to the commit of the site plan it changed"),
            Map.entry(BATCH, "One polled batch, from start to commit of its database transaction"),
            Map.entry(BATCH_RETRIES, "Batches rolled back and decided again, by cause"),
            Map.entry(HOSTS, "Hosts of the fleet by state (fleet-wide on every replica: take max, not sum)"),
            Map.entry(UTILISATION, "Allocated share of a site's allocatable capacity on hosts that are not DOWN"),
            Map.entry(OUTBOX_BACKLOG, "Outbox rows not yet acknowledged by the broker"),
            Map.entry(OUTBOX_OLDEST, "Age of the oldest unsent outbox row (0 when the outbox is empty)"),
            Map.entry(OUTBOX_PUBLISHED, "Outbox rows the broker acknowledged and the relay deleted"),
            Map.entry(OUTBOX_PUBLISH_LAG, "From an outbox row's transaction to the broker's acknowledgement"),
            Map.entry(HOSTS_SAVED, "Bare-metal hosts mixed mode saves: control-plane microVMs minus the hosts they share"),
            Map.entry(LIFECYCLE, "Lifecycle actions done (hosts down, evacuations, TTL expiries, retries, failures)"),
            Map.entry(HEARTBEAT_AGE, "Seconds since the site's agent last sent a heartbeat"),
            Map.entry(HEARTBEATS, "Heartbeats applied, by what they wrote: liveness (the site row only, the inventory"
                    + " is unchanged), inventory (the site's host rows too) or stale_inventory (the site row only: a light"
                    + " heartbeat named an inventory digest the host rows do not hold; they wait for its next full heartbeat)"),
            Map.entry(REPORT_CLOCK_LAG, "How far the report clock trails the present at the last lifecycle sweep, for"
                    + " the report partition furthest behind: silence is judged on that clock, so a host goes DOWN this"
                    + " much later than its silence began (0 when every partition is applied)"),
            Map.entry(CLUSTER_SECRETS_ISSUED, "Clusters whose secrets (CAs, service-account key, bootstrap token)"
                    + " this replica made and stored encrypted"),
            Map.entry(CLUSTER_SECRETS_SEALED, "Sealings of cluster secrets acknowledged by the broker (a new cluster,"
                    + " or its site's agent keys or the readers changed)"),
            Map.entry(CLUSTER_SECRETS_REMOVED, "Ended clusters whose secrets were removed: tombstone published, row"
                    + " deleted"),
            Map.entry(CLUSTER_SECRETS_PASS, "One pass of the cluster secrets issuer: issue, seal, remove"),
            Map.entry(RETENTION_PURGED, "Rows the retention job deleted, by kind (cluster, network_function:"
                    + " ended longer ago than the retention period; request: request log rows that old)"),
            Map.entry(SITE_REPORTS_DROPPED, "Site reports not signed by the enrolled key of the site they speak for"
                    + " (or of the host that signed them, which may speak only for itself), by reason (dropped; counted but applied when edgefleet.placement.identity.enforce=false)"));

    /** The help text of a meter declared here. */
    public static String help(String name) {
        String help = HELP.get(name);
        if (help == null) {
            throw new IllegalArgumentException("no help text declared for " + name);
        }
        return help;
    }

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
    public static final String TAG_WRITE = "write";

    /** Values of {@link #TAG_OUTCOME}. */
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String DUPLICATE = "duplicate";
}
