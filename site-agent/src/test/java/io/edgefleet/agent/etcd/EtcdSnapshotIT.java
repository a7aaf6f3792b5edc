package io.edgefleet.agent.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A snapshot taken by {@link EtcdSnapshots} while writes go on is one a REAL etcd restores: {@code etcdctl
 * snapshot restore} accepts the file (it checks etcd's SHA-256 trailer), a new etcd starts on the restored
 * data, every write up to the revision in the file's name is there with its value, and no write made after
 * the snapshot was taken is.
 */
class EtcdSnapshotIT {
    record Write(String key, String value, long revision) {
    }

    static EtcdLab lab;

    @BeforeAll
    static void startOneMember() throws Exception {
        lab = new EtcdLab(Path.of("target/etcd-it/snapshot"), 8, 2);
        lab.startCluster("src");
    }

    @AfterAll
    static void stopAll() throws InterruptedException {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aSnapshotTakenUnderWritesRestoresIntoARealEtcd() throws Exception {
        EtcdClient client = lab.client();
        ConcurrentLinkedQueue<Write> written = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> writeUntilStopped(lab.client(), written, stop, writerFailure), "etcd-it-writer");
        writer.start();
        awaitCount(written, 200);

        EtcdSnapshots snapshots = new EtcdSnapshots(lab.work().resolve("snapshots"), Duration.ofHours(1), 2);
        Path file = snapshots.take("c1", client, Instant.now());
        long afterTake = client.put("marker/after-snapshot", "x");
        awaitCount(written, written.size() + 100);
        stop.set(true);
        writer.join(10_000);
        assertEquals(null, writerFailure.get(), "the writer failed");

        long revision = SnapshotSchedule.revision(file.getFileName().toString()).orElseThrow();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertTrue(written.stream().anyMatch(w -> w.revision() <= revision), "writes before the snapshot");
        assertTrue(written.stream().anyMatch(w -> w.revision() > revision), "writes went on after the revision in its name");

        lab.stop("src");
        restore(file, "restored");
        lab.startOnExistingData("restored");

        Map<String, String> restored = lab.client().getPrefix("w/");
        for (Write w : written) {
            if (w.revision() <= revision) {
                assertEquals(w.value(), restored.get(w.key()), "write at revision " + w.revision() + " of " + w.key());
            } else if (w.revision() > afterTake) {
                assertFalse(restored.containsKey(w.key()), "a write made after the snapshot was taken: " + w);
            }
        }
        System.out.println("[etcd-it] snapshot " + file.getFileName() + " (" + Files.size(file) + " bytes) restored "
                + restored.size() + " keys of " + written.size() + " written");
    }

    @Test
    void keepsTheNewestSnapshotsAndKnowsWhenTheNextIsDue() throws Exception {
        EtcdClient client = lab.client();
        client.put("k", "v");
        EtcdSnapshots snapshots = new EtcdSnapshots(lab.work().resolve("kept"), Duration.ofHours(1), 2);
        Instant t0 = Instant.parse("2026-12-02T09:00:00Z");
        assertTrue(snapshots.due("c2", t0));
        for (int i = 0; i < 3; i++) {
            snapshots.take("c2", client, t0.plus(Duration.ofHours(i)));
        }
        List<String> kept = snapshots.list("c2").stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(2, kept.size(), kept.toString());
        assertTrue(kept.get(0).startsWith("20261202T100000Z-rev") && kept.get(1).startsWith("20261202T110000Z-rev"), kept.toString());
        assertFalse(snapshots.due("c2", t0.plus(Duration.ofMinutes(150))));
        assertTrue(snapshots.due("c2", t0.plus(Duration.ofHours(3))));
        try (var files = Files.list(lab.work().resolve("kept/c2"))) {
            assertEquals(2, files.count(), "no partial file left behind");
        }
    }

    static void writeUntilStopped(EtcdClient client, ConcurrentLinkedQueue<Write> written, AtomicBoolean stop,
                                  AtomicReference<Throwable> failure) {
        try {
            for (int i = 0; !stop.get(); i++) {
                String key = String.format("w/%06d", i);
                String value = "value-" + i + "-" + Long.toHexString(System.nanoTime());
                written.add(new Write(key, value, client.put(key, value)));
            }
        } catch (IOException | RuntimeException e) {
            failure.set(e);
        }
    }

    static void awaitCount(ConcurrentLinkedQueue<Write> written, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (written.size() < count) {
            if (Instant.now().isAfter(deadline)) {
                fail("only " + written.size() + " writes in 20 s");
            }
            Thread.sleep(20);
        }
    }

    /** etcdctl 3.4's restore (3.5+ moved it to etcdutl): a new data directory for a one-member cluster. */
    static void restore(Path snapshot, String name) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(EtcdLab.ETCDCTL.toString(), "snapshot", "restore", snapshot.toString(),
                "--name", name, "--data-dir", lab.dataDir(name).toString(),
                "--initial-cluster", name + "=" + lab.peerUrl(name), "--initial-advertise-peer-urls", lab.peerUrl(name),
                "--initial-cluster-token", "restored-" + ProcessHandle.current().pid());
        pb.environment().put("ETCDCTL_API", "3");
        Process p = pb.redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("etcdctl snapshot restore failed: " + output);
        }
    }
}
