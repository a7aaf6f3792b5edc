package io.edgefleet.localstack.fleet;

/**
 * The ports of a local fleet. Agents take {@code agentBase + i} for site i (1-based).
 */
public record FleetPorts(int kafka, int postgres, int api, int placement, int agentBase) {
    /** The defaults of {@code deploy/local/fleet up}. */
    public static FleetPorts defaults() {
        return new FleetPorts(9092, 15432, 8080, 8081, 8090);
    }

    public int agent(int site) {
        return agentBase + site;
    }
}
