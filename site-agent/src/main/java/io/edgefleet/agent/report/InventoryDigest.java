package io.edgefleet.agent.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.report.HostInventory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The digest a light heartbeat carries (ADR 0013): {@code sha256:} and the hex SHA-256 of the
 * inventory as it is sent, hosts in id order and maps in key order. Same inventory, same digest,
 * in any JVM; any change to a field placement reads changes it. To placement it is opaque: it
 * only compares it with the digest of the last full heartbeat it applied.
 */
public final class InventoryDigest {
    private static final ObjectWriter CANONICAL = EventJson.mapper().writer()
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final HexFormat HEX = HexFormat.of();

    private InventoryDigest() {
    }

    public static String of(List<HostInventory> hosts) {
        List<HostInventory> sorted = hosts.stream().sorted(Comparator.comparing(HostInventory::hostId)).toList();
        try {
            byte[] canonical = CANONICAL.writeValueAsString(sorted).getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an inventory is plain values and always serialises", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
