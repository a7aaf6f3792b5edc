package io.edgefleet.agent.driver.firecracker;

import java.io.IOException;

/**
 * Firecracker refused a request: an HTTP status other than 2xx, with its {@code fault_message}.
 * The message is what the driver reports as the reason of a FAILED microVM.
 */
public final class FirecrackerFault extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String faultMessage;

    public FirecrackerFault(String request, int status, String faultMessage) {
        super(request + " was refused by Firecracker (HTTP " + status + "): " + faultMessage);
        this.status = status;
        this.faultMessage = faultMessage;
    }

    /** The HTTP status code Firecracker answered. */
    public int status() {
        return status;
    }

    /** Firecracker's {@code fault_message}, or the raw body if it had none. */
    public String faultMessage() {
        return faultMessage;
    }
}
