package io.edgefleet.agent.cluster;

import io.edgefleet.pki.CertificateAndKey;
import io.edgefleet.pki.Certificates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The agent's own short-lived client certificates, signed with one of a cluster's CAs (the cluster CA for its API
 * server, the etcd CA for etcd): one identity, one validity, and the moment a client holding one is made anew.
 */
final class AgentClientCertificates {
    /** The agent's identity in every cluster. */
    static final String AGENT_USER = "edgefleet-site-agent";
    static final Duration VALIDITY = Duration.ofHours(24);
    /** A client whose certificate has less left than this is made anew. */
    static final Duration RENEW_BEFORE = Duration.ofHours(1);

    private AgentClientCertificates() {
    }

    static CertificateAndKey issue(CertificateAndKey ca, List<String> groups, Instant now) {
        return Certificates.client(ca, AGENT_USER, groups, now, VALIDITY);
    }

    /** When a client made {@code now} with a new certificate is to be made again. */
    static Instant renewAt(Instant now) {
        return now.plus(VALIDITY).minus(RENEW_BEFORE);
    }
}
