package io.edgefleet.placement.retention;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The retention job's SQL. Each purge deletes, in the caller's transaction, at most {@code limit} rows
 * of one kind, oldest first, found through the V18 indexes and locked {@code FOR UPDATE SKIP LOCKED}:
 * a row another transaction holds (a second replica's purge, or the rare write that still touches an
 * ended row) is left for a later batch instead of waited for, so two replicas purging at once split the
 * rows between them and never delete (or count) one twice.
 *
 * <p>It never locks a site or host row, the locks every writer of placement state takes first (ADR
 * 0011): it deletes only rows of ended clusters and network functions and of old requests, and
 * nothing it deletes references a site or host row (a delete takes no lock on the rows it
 * references). A cluster is purged only when nothing live still names it: no allocation (the ledger
 * of its site, which only the request path and the lifecycle sweep change, under the site's lock, with
 * a new plan), no retiring microVM (still in the site's plan), no secrets row (the secrets issuer
 * publishes their tombstone first, then deletes the row), no live network function. Those rows are
 * released by their owners; the cluster goes at a later run. Its API virtual IP lease, which names
 * that cluster alone, goes with it. A network function is purged only when it holds no allocation: a
 * FAILED one that still does was failed by its site's report and may recover.
 */
@ApplicationScoped
public class RetentionStore {
    /** The retention period's start, on the database's clock (the one every stored time was taken on). */
    private static final String CUTOFF = "now() - make_interval(secs => ?)";

    private static final String NETWORK_FUNCTIONS = "with doomed as (select n.nf_id from network_function n"
            + " where " + ended("n")
            // An NF's replicas are allocated on its own site: the site's index finds them.
            + " and not exists (select 1 from allocation a where a.site_id = n.site_id and a.owner_id = n.nf_id)"
            + " order by n.updated_at limit ? for update of n skip locked)"
            + " delete from network_function n using doomed d where n.nf_id = d.nf_id";

    private static final String CLUSTERS = "with doomed as (select c.cluster_id from cluster c"
            + " where " + ended("c")
            // A cluster's holders, its NFs' replicas included (V17: allocation.cluster_id), are on its site.
            + " and not exists (select 1 from allocation a where a.site_id = c.site_id and a.cluster_id = c.cluster_id)"
            + " and not exists (select 1 from retiring_microvm r where r.site_id = c.site_id"
            + " and r.cluster_id = c.cluster_id)"
            + " and not exists (select 1 from cluster_secret s where s.cluster_id = c.cluster_id)"
            + " and not exists (select 1 from network_function n where n.site_id = c.site_id"
            + " and n.cluster_id = c.cluster_id and n.status not in ('DELETED', 'FAILED'))"
            + " order by c.updated_at limit ? for update of c skip locked),"
            // SKIP LOCKED here too: a lease locked by a writer is one the site's plan is releasing anyway.
            + " vips as (delete from microvm_address m where (m.site_id, m.ip_address) in (select v.site_id,"
            + " v.ip_address from microvm_address v join doomed d on v.vip_cluster_id = d.cluster_id"
            + " for update of v skip locked))"
            + " delete from cluster c using doomed d where c.cluster_id = d.cluster_id";

    /*
     * A request id purged here is a new request when it arrives again: it is decided as if never seen.
     * The request log keeps every id for the retention period, which must therefore outlast every way a
     * request can be delivered again (the request topic keeps records 7 days).
     */
    private static final String REQUESTS = "with doomed as (select request_id from request"
            + " where received_at < " + CUTOFF
            + " order by received_at limit ? for update skip locked)"
            + " delete from request r using doomed d where r.request_id = d.request_id";

    /**
     * How long a purge may wait for a lock before it gives up its batch (SQLSTATE 55P03). Every row it
     * deletes is locked SKIP LOCKED first and no foreign key points at these tables, so it should never
     * wait: this only bounds a wait nobody foresaw. The other way round, a writer waits for a purge's
     * batch only when it writes a row that batch is deleting (a deleted network function's id taken
     * again, an old request id delivered again), and only until that short transaction commits.
     */
    static final String LOCK_TIMEOUT = "2s";

    /** Deletes up to {@code limit} rows of {@code kind} older than {@code period}; returns how many. */
    public int purge(Connection tx, PurgeKind kind, Duration period, int limit) throws SQLException {
        try (Statement s = tx.createStatement()) {
            s.execute("set local lock_timeout = '" + LOCK_TIMEOUT + "'");
        }
        try (PreparedStatement ps = tx.prepareStatement(sql(kind))) {
            ps.setDouble(1, seconds(period));
            ps.setInt(2, limit);
            return ps.executeUpdate();
        }
    }

    /**
     * Clusters and network functions ended longer ago than {@code period} that are still there: held by
     * something live (see the class comment) or locked by another transaction during the purge.
     */
    public long remaining(Connection c, PurgeKind kind, Duration period) throws SQLException {
        String table = switch (kind) {
            case NETWORK_FUNCTION -> "network_function";
            case CLUSTER -> "cluster";
            case REQUEST -> throw new IllegalArgumentException("every request that old is purged; none remains");
        };
        try (PreparedStatement ps = c.prepareStatement("select count(*) from " + table + " t where " + ended("t"))) {
            ps.setDouble(1, seconds(period));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The purge statement of a kind; parameters: the period in seconds, the batch size. */
    static String sql(PurgeKind kind) {
        return switch (kind) {
            case NETWORK_FUNCTION -> NETWORK_FUNCTIONS;
            case CLUSTER -> CLUSTERS;
            case REQUEST -> REQUESTS;
        };
    }

    /**
     * Ended (DELETED or FAILED) more than the retention period ago: the row's last change, which ended
     * it, is that old. The predicate of the V18 partial indexes.
     */
    private static String ended(String alias) {
        return alias + ".status in ('DELETED', 'FAILED') and " + alias + ".updated_at < " + CUTOFF;
    }

    private static double seconds(Duration period) {
        return period.toMillis() / 1000.0;
    }
}
