package io.edgefleet.api.view;

import java.util.Arrays;

/**
 * The request ids whose outcomes recently left the window, so that asking for one is answered "older than the
 * window" (410) rather than "unknown" (404). Fixed memory: two generations of 64-bit fingerprints in open-addressing
 * tables of {@code perGeneration} ids each; when the current one is full, the older generation is forgotten and
 * reused. So the newest {@code perGeneration} to {@code 2 × perGeneration} aged-out ids are remembered, 8 bytes each
 * at most half-full tables. Two ids share a fingerprint with odds of about n²/2⁶⁵; the cost of that is a 410 where a
 * 404 was due, never a wrong outcome.
 */
final class AgedOutIds {
    private final int perGeneration;
    private final int tableSize;
    private long[] current;
    private long[] previous;
    private int currentCount;

    AgedOutIds(int perGeneration) {
        this.perGeneration = Math.max(1, perGeneration);
        // A power of two at least twice the generation: linear probing stays short.
        this.tableSize = Integer.highestOneBit(Math.max(2, this.perGeneration * 2 - 1)) << 1;
    }

    synchronized void add(String requestId) {
        if (current == null) {
            current = new long[tableSize];
        }
        if (currentCount >= perGeneration) {
            long[] reused = previous == null ? new long[tableSize] : previous;
            Arrays.fill(reused, 0L);
            previous = current;
            current = reused;
            currentCount = 0;
        }
        if (insert(current, fingerprint(requestId))) {
            currentCount++;
        }
    }

    synchronized boolean contains(String requestId) {
        long fp = fingerprint(requestId);
        return found(current, fp) || found(previous, fp);
    }

    private boolean insert(long[] table, long fp) {
        int mask = table.length - 1;
        for (int i = slot(fp, mask); ; i = (i + 1) & mask) {
            if (table[i] == fp) {
                return false;
            }
            if (table[i] == 0L) {
                table[i] = fp;
                return true;
            }
        }
    }

    private static boolean found(long[] table, long fp) {
        if (table == null) {
            return false;
        }
        int mask = table.length - 1;
        for (int i = slot(fp, mask); table[i] != 0L; i = (i + 1) & mask) {
            if (table[i] == fp) {
                return true;
            }
        }
        return false;
    }

    private static int slot(long fp, int mask) {
        return (int) (fp ^ (fp >>> 32)) & mask;
    }

    /** FNV-1a over the UTF-16 units, then a 64-bit finaliser so that similar ids spread; never 0 (the empty slot). */
    static long fingerprint(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0L ? 1L : h;
    }
}
