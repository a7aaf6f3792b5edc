package io.edgefleet.agent.etcd;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The decisions about a cluster's etcd snapshots, apart from any I/O: how a snapshot file is named, when
 * the next one is due, and which files fall out of the kept window. Names sort by time as text
 * ({@code 20261202T093000Z-rev1234.db}), so a directory listing is already the history.
 */
public final class SnapshotSchedule {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("(\\d{8}T\\d{6}Z)-rev(\\d+)\\.db");

    private SnapshotSchedule() {
    }

    /** The file name of a snapshot taken at {@code takenAt} holding at least {@code revision}. */
    public static String fileName(Instant takenAt, long revision) {
        return STAMP.format(takenAt) + "-rev" + revision + ".db";
    }

    /** When the snapshot in this file was taken, if the name is one of ours. */
    public static Optional<Instant> takenAt(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(STAMP.parse(m.group(1))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The revision a snapshot file holds at least, if the name is one of ours. */
    public static Optional<Long> revision(String fileName) {
        Matcher m = NAME.matcher(fileName);
        return m.matches() ? Optional.of(Long.parseLong(m.group(2))) : Optional.empty();
    }

    /** A snapshot is due when there is none yet, or the newest is at least one interval old. */
    public static boolean due(Optional<Instant> newest, Instant now, Duration interval) {
        return newest.isEmpty() || !now.isBefore(newest.get().plus(interval));
    }

    /** The newest snapshot time among these file names (others ignored). */
    public static Optional<Instant> newest(List<String> fileNames) {
        return fileNames.stream().map(SnapshotSchedule::takenAt).flatMap(Optional::stream).max(Comparator.naturalOrder());
    }

    /** Our snapshot files beyond the newest {@code keep}, oldest first: the ones to delete. */
    public static List<String> beyondKept(List<String> fileNames, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one snapshot, not " + keep);
        }
        List<String> ours = fileNames.stream().filter(n -> takenAt(n).isPresent())
                .sorted(Comparator.comparing((String n) -> takenAt(n).orElseThrow()).thenComparing(n -> revision(n).orElseThrow()))
                .toList();
        return ours.subList(0, Math.max(0, ours.size() - keep));
    }
}
