package io.edgefleet.placement.engine.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An edge site and its hosts.
 *
 * @param id    site id, e.g. {@code par-01}
 * @param hosts the hosts, in a stable order (the engine breaks ties by this order)
 */
public record Site(String id, List<Host> hosts) {

    public Site {
        Objects.requireNonNull(id, "id");
        hosts = List.copyOf(hosts);
        Set<String> seen = new HashSet<>();
        for (Host h : hosts) {
            if (!seen.add(h.id())) {
                throw new IllegalArgumentException("site " + id + ": duplicate host " + h.id());
            }
        }
    }
}
