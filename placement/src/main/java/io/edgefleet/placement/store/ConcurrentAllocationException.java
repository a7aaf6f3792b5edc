package io.edgefleet.placement.store;

/**
 * Another writer changed a host's allocations since we read them: the whole transaction rolls
 * back and the batch is decided again on fresh state. Never a double booking.
 */
public class ConcurrentAllocationException extends Exception {
    public ConcurrentAllocationException(String siteId, String hostId) {
        super("host " + siteId + "/" + hostId + " changed concurrently");
    }

    public ConcurrentAllocationException(String message) {
        super(message);
    }
}
