package io.edgefleet.agent.etcd;

import java.io.IOException;
import java.net.URI;

/**
 * etcd answered, and refused: the endpoint that answered, etcd's own message and its gRPC status code
 * (9 FAILED_PRECONDITION for "learner not in sync" or "too many learners", 14 UNAVAILABLE for "unhealthy
 * cluster", 5 NOT_FOUND for an unknown member...).
 */
public class EtcdException extends IOException {
    public static final int FAILED_PRECONDITION = 9;
    public static final int UNAVAILABLE = 14;
    public static final int DEADLINE_EXCEEDED = 4;

    private final URI endpoint;
    private final int grpcCode;
    private final String etcdMessage;

    public EtcdException(URI endpoint, int httpStatus, int grpcCode, String etcdMessage) {
        super("etcd at " + endpoint + " refused (HTTP " + httpStatus + ", code " + grpcCode + "): " + etcdMessage);
        this.endpoint = endpoint;
        this.grpcCode = grpcCode;
        this.etcdMessage = etcdMessage;
    }

    public URI endpoint() {
        return endpoint;
    }

    public int grpcCode() {
        return grpcCode;
    }

    public String etcdMessage() {
        return etcdMessage;
    }

    /** "Not yet" rather than "no": the same request may succeed on a later run without anyone acting. */
    public boolean transientRefusal() {
        return grpcCode == FAILED_PRECONDITION || grpcCode == UNAVAILABLE || grpcCode == DEADLINE_EXCEEDED;
    }

    /** A learner serves only status and serializable reads; any other request must go to another member. */
    boolean learnerCannotServe() {
        return etcdMessage.contains("not supported for learner");
    }
}
