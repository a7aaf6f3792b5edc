package io.edgefleet.fleetctl;

/** Ends a command with a message for the user and an exit code from {@link ExitCodes}. */
public class FleetCtlException extends RuntimeException {
    private final int exitCode;

    public FleetCtlException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
