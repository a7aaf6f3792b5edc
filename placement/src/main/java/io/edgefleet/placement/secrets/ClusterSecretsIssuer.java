package io.edgefleet.placement.secrets;

import io.edgefleet.servicekit.LoopPulse;
import io.edgefleet.servicekit.KafkaClientConfig;
import io.edgefleet.placement.secrets.ClusterSecretStore.ClusterRef;
import io.edgefleet.placement.secrets.ClusterSecretStore.StoredSecret;
import io.edgefleet.placement.secrets.SecretsPublisher.Ack;
import io.edgefleet.placement.secrets.SecretsPublisher.Outgoing;
import io.edgefleet.placement.secrets.SecretsPublisher.PartitionMismatch;
import io.edgefleet.pki.AtRestCipher;
import io.edgefleet.pki.Recipient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Gives every live cluster its secrets and keeps them published sealed for whoever may open them (ADR 0024).
 * One pass, on every replica, every {@code edgefleet.placement.secrets.interval}:
 * <ol>
 *   <li><b>issue</b>: live clusters without secrets get a new set (CAs, service-account keys, token), stored
 *       encrypted; {@code on conflict do nothing} leaves one set per cluster whichever replica is first;</li>
 *   <li><b>seal</b>: secrets never published, or whose site's enrolled keys (or the readers) changed, are sealed
 *       for the site's agents and the readers and published with the next generation; the row records that
 *       generation only once the broker acknowledged it (at least once: readers keep the latest);</li>
 *   <li><b>remove</b>: secrets of ended clusters (DELETED, FAILED) get a tombstone, then their row goes.</li>
 * </ol>
 * Without {@code edgefleet.placement.secrets.kek-file} the issuer stays off and the rest of placement runs as
 * before. It refuses to run (ERROR, readiness DOWN) while the secrets topic's partition count differs from the
 * plan topic's. Log lines name clusters and counts, never a secret.
 */
@ApplicationScoped
public class ClusterSecretsIssuer {
    private static final Logger LOG = Logger.getLogger(ClusterSecretsIssuer.class);
    /**
     * Sites whose keys were enrolled this long before the last pass are looked at again: an enrolment is
     * stamped with its transaction's start, which may commit after a pass has read the keys.
     */
    static final Duration ENROLMENT_MARGIN = Duration.ofMinutes(1);

    /** What the issuer does: nothing (no key-encryption key), runs, or refuses to run. */
    public enum State { DISABLED, RUNNING, REFUSED }

    @Inject
    DataSource dataSource;
    @Inject
    MeterRegistry registry;

    @Inject
    KafkaClientConfig kafkaClients;
    /** File holding base64 of the 32-byte key-encryption key, mode 0600 or 0400; unset: no secrets issued. */
    @ConfigProperty(name = "edgefleet.placement.secrets.kek-file")
    Optional<Path> kekFile;
    /** Central readers, {@code name=<base64 X25519 public key>,...}; each is recipient {@code reader:<name>}. */
    @ConfigProperty(name = "edgefleet.placement.secrets.readers")
    Optional<String> readersSetting;
    /** Clusters issued, sealed or removed per statement (and at most issued or removed per pass). */
    @ConfigProperty(name = "edgefleet.placement.secrets.batch-size", defaultValue = "200")
    int batchSize;

    /** Passes run every second; minutes without one completing is a stuck issuer (liveness). */
    private final LoopPulse pulse = new LoopPulse("cluster secrets issuer", Duration.ofMinutes(5));
    private volatile State state = State.DISABLED;
    private volatile String refusal;
    private SecretsSealer sealer;
    private List<Recipient> readers;
    private SecretsPublisher publisher;
    private IssuerMetrics metrics;
    /** Database time the last complete seal step started at; null: the next one checks every row. */
    private Instant keysCheckedAt;
    /** Clusters whose stored box did not open, reported once each. */
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

    void start(@Observes StartupEvent event) {
        if (kekFile.isEmpty()) {
            LOG.warn("clusters get no secrets: set edgefleet.placement.secrets.kek-file (a file holding base64 of a"
                    + " 32-byte key-encryption key, mode 0600) and edgefleet.placement.secrets.readers for placement"
                    + " to issue and publish them (ADR 0024)");
            return;
        }
        // A configured key that cannot be read is an operator error: fail the start, with the file's name only.
        sealer = new SecretsSealer(AtRestCipher.fromFile(kekFile.get()));
        readers = ReaderKeys.parse(readersSetting.orElse(""));
        if (!readers.isEmpty()) {
            // A reader key HPKE cannot use would fail every sealing later: refuse it now, naming the reader.
            io.edgefleet.pki.Sealing.seal(new byte[1], new byte[0], readers);
        }
        metrics = new IssuerMetrics(registry);
        publisher = new SecretsPublisher(kafkaClients);
        state = State.RUNNING;
        pulse.started(null);
        LOG.infof("issuing cluster secrets: key-encryption key %s, readers %s", sealer.keyId(),
                readers.stream().map(Recipient::id).toList());
    }

    void stop(@Observes ShutdownEvent event) {
        pulse.stopped();
        if (publisher != null) {
            publisher.close();
        }
    }

    public State state() {
        return state;
    }

    /** Whether passes keep completing; not started while the issuer is off. */
    public LoopPulse pulse() {
        return pulse;
    }

    /** Why the issuer refuses to run, or null. */
    public String refusal() {
        return refusal;
    }

    @Scheduled(every = "${edgefleet.placement.secrets.interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pass() {
        if (state != State.RUNNING) {
            return;
        }
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            publisher.partitions();
            int issued = issueMissing(c);
            int sealed = sealChanged(c);
            int removed = removeEnded(c);
            if (issued + sealed + removed > 0) {
                LOG.infof("cluster secrets: %d issued, %d sealed, %d removed in %d ms", issued, sealed, removed,
                        (System.nanoTime() - t0) / 1_000_000);
            }
        } catch (PartitionMismatch e) {
            refusal = e.getMessage();
            state = State.REFUSED;
            LOG.errorf("not issuing cluster secrets: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Database or broker away: nothing is lost, the next pass takes up where this one stopped.
            LOG.warnf("cluster secrets pass failed, retrying next pass: %s", e.toString());
        } finally {
            metrics.pass(System.nanoTime() - t0);
            pulse.turned();
        }
    }

    /** Step 1: a new set of secrets for up to a batch of live clusters that have none. */
    private int issueMissing(Connection c) throws SQLException {
        int issued = 0;
        for (ClusterRef cluster : ClusterSecretStore.liveWithoutSecrets(c, batchSize)) {
            byte[] box = sealer.issue(cluster.clusterId(), now());
            if (ClusterSecretStore.insertIfAbsent(c, cluster, sealer.keyId(), box)) {
                issued++;
            }
        }
        metrics.issued(issued);
        return issued;
    }

    /**
     * Step 2: seals again whatever was never published or whose recipients changed. Only sites with a key
     * enrolled since the last complete step (less the margin) are looked at, every row after a start.
     */
    private int sealChanged(Connection c) throws SQLException, PartitionMismatch, InterruptedException {
        Instant stepStart = ClusterSecretStore.databaseNow(c);
        boolean everyRow = keysCheckedAt == null;
        Set<String> changedSites = everyRow ? Set.of()
                : SiteRecipients.enrolledSince(c, keysCheckedAt.minus(ENROLMENT_MARGIN));
        int sealed = 0;
        boolean allAcknowledged = true;
        String after = "";
        List<StoredSecret> rows;
        do {
            rows = ClusterSecretStore.toCheck(c, everyRow, changedSites, after, batchSize);
            if (rows.isEmpty()) {
                break;
            }
            SealResult result = sealBatch(c, rows);
            sealed += result.sealed();
            allAcknowledged &= result.allAcknowledged();
            after = rows.get(rows.size() - 1).clusterId();
        } while (rows.size() == batchSize);
        if (allAcknowledged) {
            // A sealing the broker refused is retried only while its site counts as changed: keep the mark.
            keysCheckedAt = stepStart;
        }
        metrics.sealed(sealed);
        return sealed;
    }

    private record SealResult(int sealed, boolean allAcknowledged) {
    }

    private SealResult sealBatch(Connection c, List<StoredSecret> rows)
            throws SQLException, PartitionMismatch, InterruptedException {
        Map<String, List<Recipient>> agents = SiteRecipients.of(c,
                rows.stream().map(StoredSecret::siteId).collect(java.util.stream.Collectors.toSet()));
        List<StoredSecret> toSeal = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        List<Outgoing> outgoing = new ArrayList<>();
        Instant now = now();
        for (StoredSecret row : rows) {
            List<Recipient> siteAgents = agents.getOrDefault(row.siteId(), List.of());
            List<Recipient> recipients = new ArrayList<>(siteAgents);
            recipients.addAll(readers);
            String digest = RecipientsDigest.of(recipients);
            if (digest.equals(row.recipientsDigest())) {
                continue;
            }
            if (recipients.isEmpty()) {
                LOG.debugf("cluster %s: nobody to seal its secrets for (site %s has no enrolled key, no reader is"
                        + " configured)", row.clusterId(), row.siteId());
                continue;
            }
            if (siteAgents.isEmpty()) {
                LOG.debugf("cluster %s: site %s has no enrolled agent key; sealing its secrets for the readers only",
                        row.clusterId(), row.siteId());
            }
            try {
                outgoing.add(new Outgoing(row.clusterId(), row.siteId(),
                        sealer.seal(row, recipients, row.generation() + 1, now)));
                toSeal.add(row);
                digests.add(digest);
            } catch (SecretsSealer.UnreadableBox e) {
                if (unreadable.add(row.clusterId())) {
                    LOG.errorf("cluster %s: its stored secrets do not open with key-encryption key %s (%s); they are"
                            + " not published until that key is configured", row.clusterId(), sealer.keyId(),
                            e.getMessage());
                }
            }
        }
        if (outgoing.isEmpty()) {
            return new SealResult(0, true);
        }
        List<Ack> acks = publisher.send(outgoing);
        int sealed = 0;
        List<Outgoing> endedMeanwhile = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            StoredSecret row = toSeal.get(i);
            if (!acks.get(i).acknowledged()) {
                LOG.warnf("cluster %s: its sealed secrets were not acknowledged, retrying next pass: %s",
                        row.clusterId(), acks.get(i).error());
            } else if (ClusterSecretStore.markSealed(c, row.clusterId(), row.generation(), digests.get(i))) {
                sealed++;
            } else if (!ClusterSecretStore.exists(c, row.clusterId())) {
                // Another replica removed it (tombstone and all) while this one sealed: the sealing just
                // published would outlive the cluster on the compacted topic; bury it again.
                endedMeanwhile.add(new Outgoing(row.clusterId(), row.siteId(), null));
            }
        }
        if (!endedMeanwhile.isEmpty()) {
            publisher.send(endedMeanwhile);
        }
        return new SealResult(sealed, acks.stream().allMatch(Ack::acknowledged));
    }

    /** Step 3: a tombstone for up to a batch of ended clusters, then their row goes. */
    private int removeEnded(Connection c) throws SQLException, PartitionMismatch, InterruptedException {
        List<ClusterRef> ended = ClusterSecretStore.ofEndedClusters(c, batchSize);
        if (ended.isEmpty()) {
            return 0;
        }
        List<Ack> acks = publisher.send(ended.stream().map(e -> new Outgoing(e.clusterId(), e.siteId(), null)).toList());
        int removed = 0;
        Set<String> failed = new TreeSet<>();
        for (int i = 0; i < acks.size(); i++) {
            if (acks.get(i).acknowledged()) {
                ClusterSecretStore.delete(c, ended.get(i).clusterId());
                unreadable.remove(ended.get(i).clusterId());
                removed++;
            } else {
                failed.add(ended.get(i).clusterId());
            }
        }
        if (!failed.isEmpty()) {
            LOG.warnf("tombstones of clusters %s were not acknowledged, retrying next pass", failed);
        }
        metrics.removed(removed);
        return removed;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
