package io.edgefleet.agent.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotScheduleTest {
    static final Instant T0 = Instant.parse("2026-12-02T09:30:00Z");

    @Test
    void namesCarryUtcTimeAndRevisionAndReadBack() {
        String name = SnapshotSchedule.fileName(T0, 1234);
        assertEquals("20261202T093000Z-rev1234.db", name);
        assertEquals(Optional.of(T0), SnapshotSchedule.takenAt(name));
        assertEquals(Optional.of(1234L), SnapshotSchedule.revision(name));
        assertEquals(Optional.empty(), SnapshotSchedule.takenAt(".partial-x.db"));
        assertEquals(Optional.empty(), SnapshotSchedule.takenAt("notes.txt"));
    }

    @Test
    void dueWhenNoneOrTheNewestIsOneIntervalOld() {
        Duration hour = Duration.ofHours(1);
        assertTrue(SnapshotSchedule.due(Optional.empty(), T0, hour));
        assertFalse(SnapshotSchedule.due(Optional.of(T0), T0.plus(Duration.ofMinutes(59)), hour));
        assertTrue(SnapshotSchedule.due(Optional.of(T0), T0.plus(hour), hour));
        assertEquals(Optional.of(T0.plusSeconds(60)), SnapshotSchedule.newest(List.of(
                SnapshotSchedule.fileName(T0, 5), SnapshotSchedule.fileName(T0.plusSeconds(60), 9), "README")));
    }

    @Test
    void keepsTheNewestAndIgnoresFilesThatAreNotSnapshots() {
        List<String> names = List.of(SnapshotSchedule.fileName(T0.plusSeconds(120), 30), SnapshotSchedule.fileName(T0, 10),
                "operator-notes.txt", SnapshotSchedule.fileName(T0.plusSeconds(60), 20));
        assertEquals(List.of(SnapshotSchedule.fileName(T0, 10)), SnapshotSchedule.beyondKept(names, 2));
        assertEquals(List.of(), SnapshotSchedule.beyondKept(names, 3));
    }

    @Test
    void pruneDeletesOnlyOurOldestFilesOnDisk(@TempDir Path dir) throws IOException {
        Path cluster = Files.createDirectories(dir.resolve("c1"));
        for (int i = 0; i < 4; i++) {
            Files.writeString(cluster.resolve(SnapshotSchedule.fileName(T0.plusSeconds(i * 60L), 10 + i)), "x");
        }
        Files.writeString(cluster.resolve("keep-me.txt"), "operator's file");
        EtcdSnapshots snapshots = new EtcdSnapshots(dir, Duration.ofMinutes(30), 2);
        assertEquals(2, snapshots.prune("c1").size());
        assertEquals(List.of(SnapshotSchedule.fileName(T0.plusSeconds(120), 12), SnapshotSchedule.fileName(T0.plusSeconds(180), 13)),
                snapshots.list("c1").stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(Files.exists(cluster.resolve("keep-me.txt")));
        assertFalse(snapshots.due("c1", T0.plusSeconds(180 + 29 * 60)));
        assertTrue(snapshots.due("c1", T0.plusSeconds(180 + 30 * 60)));
        assertTrue(snapshots.due("never-snapshotted", T0));
    }
}
