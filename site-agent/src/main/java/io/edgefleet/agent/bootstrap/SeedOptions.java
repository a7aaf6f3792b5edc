package io.edgefleet.agent.bootstrap;

import java.util.List;

/**
 * What a seed may add beyond the node's bootstrap.
 *
 * @param powerOffWhenDone have cloud-init power the guest off once its final stage ran (tests read its disk
 *                         afterwards); never in production
 * @param nameservers      DNS servers the guest's network-config names; empty for none
 */
public record SeedOptions(boolean powerOffWhenDone, List<String> nameservers) {
    public static final SeedOptions PRODUCTION = new SeedOptions(false, List.of());

    public SeedOptions {
        nameservers = List.copyOf(Inputs.required(nameservers, "nameservers"));
        nameservers.forEach(n -> Inputs.ipv4(n, "nameservers[]"));
    }

    public SeedOptions withPowerOffWhenDone() {
        return new SeedOptions(true, nameservers);
    }

    public SeedOptions withNameservers(List<String> servers) {
        return new SeedOptions(powerOffWhenDone, servers);
    }
}
