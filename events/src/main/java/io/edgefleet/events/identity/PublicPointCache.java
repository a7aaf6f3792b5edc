package io.edgefleet.events.identity;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Decoded Ed25519 public keys ({@link Ed25519.PublicPoint}), by the key's 32 bytes. Decoding a key
 * (a square root in the field, and the full validation) is a large part of a verify; placement
 * verifies every report of the same few thousand enrolled keys again and again, so it decodes
 * each once. Keyed by the key's bytes, not by site: an entry can never describe another key, so a
 * rotated key simply gets its own entry; {@link #forget} frees the old one early. Bounded
 * (least recently used out first), so keys that are gone cannot make it grow. Thread-safe.
 */
final class PublicPointCache {
    /** The 32 key bytes as a map key: equality and hash by content. */
    private record KeyBytes(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof KeyBytes k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private final int capacity;
    private final Map<KeyBytes, Ed25519.PublicPoint> points;

    PublicPointCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.points = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<KeyBytes, Ed25519.PublicPoint> eldest) {
                return size() > PublicPointCache.this.capacity;
            }
        };
    }

    /**
     * The decoded point of the key at {@code encoded[offset..offset+32)}; null if those bytes are not
     * a valid Ed25519 public key (not on the curve, not canonical, or of small order). Invalid keys
     * are not remembered: they are refused before any signature is looked at, and no report
     * should ever name one.
     */
    Ed25519.PublicPoint point(byte[] encoded, int offset) {
        KeyBytes key = keyAt(encoded, offset);
        synchronized (points) {
            Ed25519.PublicPoint cached = points.get(key);
            if (cached != null) {
                return cached;
            }
        }
        // Decoded outside the lock: two threads may both decode a new key once; both get the same point.
        Ed25519.PublicPoint decoded = Ed25519.validatePublicKeyFullExport(key.bytes(), 0);
        if (decoded != null) {
            synchronized (points) {
                points.put(key, decoded);
            }
        }
        return decoded;
    }

    /** Drops the entry of a key that is no longer enrolled (rotated or removed). */
    void forget(byte[] encoded, int offset) {
        KeyBytes key = keyAt(encoded, offset);
        synchronized (points) {
            points.remove(key);
        }
    }

    private static KeyBytes keyAt(byte[] encoded, int offset) {
        return new KeyBytes(Arrays.copyOfRange(encoded, offset, offset + Ed25519.PUBLIC_KEY_SIZE));
    }

    int size() {
        synchronized (points) {
            return points.size();
        }
    }

    boolean contains(byte[] encoded, int offset) {
        KeyBytes key = keyAt(encoded, offset);
        synchronized (points) {
            return points.containsKey(key);
        }
    }
}
