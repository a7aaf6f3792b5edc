package io.edgefleet.placement.intake;

/** Backoff sleeps for retried batches. */
final class Retry {
    private Retry() {
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
