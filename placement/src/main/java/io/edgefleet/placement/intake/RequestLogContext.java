package io.edgefleet.placement.intake;

import io.edgefleet.events.outcome.RequestKind;
import org.jboss.logging.MDC;

/**
 * The request a log line is about, in the logging context while it is decided: {@code site}, {@code request} and
 * {@code cluster} or {@code networkFunction}. JSON log lines carry them as fields, so an operator finds every line
 * about one cluster or one request without knowing which class wrote it.
 */
final class RequestLogContext implements AutoCloseable {
    private final String subjectKey;

    private RequestLogContext(String subjectKey) {
        this.subjectKey = subjectKey;
    }

    static RequestLogContext enter(String requestId, String siteId, RequestKind kind, String subjectId) {
        String subjectKey = kind.name().startsWith("NETWORK_FUNCTION") ? "networkFunction"
                : kind.name().startsWith("CLUSTER") ? "cluster" : "subject";
        MDC.put("request", requestId);
        MDC.put("site", siteId);
        MDC.put(subjectKey, subjectId);
        return new RequestLogContext(subjectKey);
    }

    @Override
    public void close() {
        MDC.remove("request");
        MDC.remove("site");
        MDC.remove(subjectKey);
    }
}
