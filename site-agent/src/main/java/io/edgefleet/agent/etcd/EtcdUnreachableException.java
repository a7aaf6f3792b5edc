package io.edgefleet.agent.etcd;

import java.io.IOException;

/**
 * No endpoint gave an answer in time (refused, timed out, reset). For a change (add, promote, remove)
 * that timed out after it was sent, etcd may or may not have applied it: the next run reads it back.
 */
public class EtcdUnreachableException extends IOException {
    public EtcdUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
