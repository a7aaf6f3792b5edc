package io.edgefleet.agent.inventory;

import io.edgefleet.events.plan.SiteNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The hosts of one site and what each can give: the file the agent (and its simulated driver) reads.
 * The format is described in {@code inventory/README.md} beside {@code example-site.json}.
 *
 * @param siteId  the site's id
 * @param region  the region the site belongs to
 * @param hosts   the site's hosts, ids unique
 * @param network the site's management network (ADR 0020), which agents send in their heartbeats; null if none
 */
public record SiteInventory(String siteId, String region, List<Host> hosts, SiteNetwork network) {

    /** A site whose file names no management network. */
    public SiteInventory(String siteId, String region, List<Host> hosts) {
        this(siteId, region, hosts, null);
    }

    /** The format version this code reads and writes. */
    public static final int FORMAT_VERSION = 1;

    public SiteInventory {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(region, "region");
        hosts = List.copyOf(hosts);
        if (hosts.stream().map(Host::id).distinct().count() != hosts.size()) {
            throw new IllegalArgumentException("site " + siteId + " repeats a host id");
        }
    }

    /** Reads and validates an inventory file; the exception names the file, the field and what is wrong. */
    public static SiteInventory load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InventoryFormatException(file + ": cannot read inventory file: " + e, e);
        }
        return parse(text, file.toString());
    }

    /** Parses inventory JSON; {@code sourceName} prefixes every error message. */
    public static SiteInventory parse(String json, String sourceName) {
        return new InventoryParser(sourceName).parse(json);
    }

    /** This inventory in the file format {@link #load} reads, e.g. for a generator writing per-site files. */
    public String toJson() {
        return InventoryParser.write(this);
    }

    /** The host with this id, if the site has it. */
    public Optional<Host> host(String hostId) {
        return hosts.stream().filter(h -> h.id().equals(hostId)).findFirst();
    }
}
