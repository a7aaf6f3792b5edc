package io.edgefleet.agent.driver.firecracker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.agent.driver.GuestSeed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * How a Firecracker guest gets its cloud-init seed: cloud-init's NoCloud datasource fetching it over HTTP from
 * the microVM's metadata service (MMDS), because Firecracker attaches no seed disk of its own (see
 * docs/adr/0023). What cloud-init 22.4 (Debian bookworm) does, read from its source and checked by
 * {@code MmdsSeedCloudInitTest} with the real cloud-init:
 * <ul>
 *   <li>{@code ds=nocloud-net;s=<url>} on the kernel command line selects NoCloud with a seed URL; only the
 *       {@code -net} variant accepts {@code http://} (plain {@code ds=nocloud} takes {@code /} or {@code file://}
 *       only). It fetches {@code <url>meta-data}, {@code <url>user-data} and {@code <url>vendor-data}: the URL is
 *       a prefix, so it ends with a slash, and the three documents are MMDS strings under that prefix
 *       ({@value #PREFIX}/), which MMDS answers as the plain text they are.</li>
 *   <li>It does NOT fetch {@code network-config} from that URL, and it needs the network to fetch anything; so the
 *       network-config goes on the kernel command line as {@code network-config=<base64 of gzip>}, which cloud-init
 *       applies in its local stage, before the network is up. MMDS carries it too, for the record.</li>
 *   <li>{@code vendor-data} is served empty: a missing one would be answered 404, which cloud-init retries
 *       before giving up, for nothing.</li>
 * </ul>
 */
final class NoCloudOverMmds {
    /** Where Firecracker answers MMDS requests by default (the spec's MmdsConfig.ipv4_address default). */
    static final String MMDS_ADDRESS = "169.254.169.254";
    /** The MMDS subtree holding the seed's documents. */
    static final String PREFIX = "nocloud";
    /** The seed URL cloud-init is given. */
    static final String SEED_URL = "http://" + MMDS_ADDRESS + "/" + PREFIX + "/";
    /**
     * Linux's COMMAND_LINE_SIZE on x86 (and Firecracker's limit); a network-config too large for it cannot go on
     * the command line.
     */
    static final int MAX_BOOT_ARGS = 2048;

    private NoCloudOverMmds() {
    }

    /** The kernel command line of a seeded guest: {@code base} plus the datasource and its network-config. */
    static String bootArgs(String base, GuestSeed seed) {
        StringBuilder args = new StringBuilder(base == null ? "" : base.strip());
        args.append(args.isEmpty() ? "" : " ").append("ds=nocloud-net;s=").append(SEED_URL);
        if (seed.networkConfig() != null) {
            args.append(" network-config=").append(gzipBase64(seed.networkConfig()));
        }
        return args.toString();
    }

    /** Adds the seed's documents under {@value #PREFIX} to an MMDS tree. */
    static void addTo(ObjectNode mmds, GuestSeed seed) {
        ObjectNode docs = mmds.putObject(PREFIX);
        docs.put("meta-data", seed.metaData());
        docs.put("user-data", seed.userData());
        docs.put("vendor-data", "");
        if (seed.networkConfig() != null) {
            docs.put("network-config", seed.networkConfig());
        }
    }

    private static String gzipBase64(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
