package io.edgefleet.agent.inventory.discovery;

/** The host's sysfs or procfs could not be read as expected; the message names the file. */
public class DiscoveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DiscoveryException(String message) {
        super(message);
    }
}
