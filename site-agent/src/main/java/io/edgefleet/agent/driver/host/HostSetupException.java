package io.edgefleet.agent.driver.host;

/**
 * A host resource of a microVM (disk, tap, cgroup) could not be made or removed. Its message is meant for
 * an operator: it says what was attempted and what the host answered; drivers turn it into a FAILED status.
 */
public final class HostSetupException extends RuntimeException {
    public HostSetupException(String message) {
        super(message);
    }

    public HostSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
