package io.edgefleet.api.kubeconfig;

import io.edgefleet.pki.CertificateAndKey;
import io.edgefleet.pki.Certificates;
import io.edgefleet.pki.ClusterSecrets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Issues a cluster's admin kubeconfig to one person: a new client certificate signed by the cluster's CA,
 * valid {@code edgefleet.api.kubeconfig.validity} (default 8 h, at most 24 h), its key made here, put in the
 * answer and kept nowhere. Each issue is one line on the audit logger {@value #AUDIT_CATEGORY} and one count
 * of {@code fleet_api_kubeconfigs_issued_total}.
 */
@ApplicationScoped
public class KubeconfigIssuer {
    public static final String AUDIT_CATEGORY = "io.edgefleet.api.audit";
    /**
     * kubeadm (1.29 and later, KEP-4214) binds this group to the {@code cluster-admin} ClusterRole through the
     * ClusterRoleBinding {@code kubeadm:cluster-admins}, and its own admin.conf carries it. Unlike
     * {@code system:masters}, which no RBAC rule can take away, the binding can be removed to revoke access.
     */
    public static final String CLUSTER_ADMINS_GROUP = "kubeadm:cluster-admins";
    public static final int API_PORT = 6443;
    static final Duration MAX_VALIDITY = Duration.ofHours(24);
    private static final Logger AUDIT = Logger.getLogger(AUDIT_CATEGORY);

    @ConfigProperty(name = "edgefleet.api.kubeconfig.validity", defaultValue = "PT8H")
    Duration validity;

    @Inject
    MeterRegistry registry;

    /** A short validity is the only revocation a client certificate has: refuse to start with a long one. */
    void checkValidity(@Observes StartupEvent event) {
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalStateException("edgefleet.api.kubeconfig.validity must be more than 0 and at most "
                    + MAX_VALIDITY + ", is " + validity);
        }
    }

    /** The kubeconfig of {@code user} for a cluster whose API answers at {@code endpoint} (the VIP). */
    public String issue(String clusterId, String team, String user, String endpoint, ClusterSecrets secrets) {
        Instant now = Instant.now();
        CertificateAndKey client = Certificates.client(secrets.kubernetesCa(), user, List.of(CLUSTER_ADMINS_GROUP),
                now, validity);
        String yaml = Kubeconfig.of(clusterId, Kubeconfig.server(endpoint, API_PORT),
                secrets.kubernetesCa().certificatePem(), user + "@" + clusterId, client.certificatePem(),
                client.privateKeyPem()).yaml();
        AUDIT.infof("kubeconfig issued: user=%s team=%s cluster=%s group=%s serial=%s notAfter=%s", user, team,
                clusterId, CLUSTER_ADMINS_GROUP, Certificates.serialHex(client.certificatePem()),
                Certificates.notAfter(client.certificatePem()));
        Counter.builder("fleet_api_kubeconfigs_issued").description("Cluster admin kubeconfigs issued (one new client"
                + " certificate each)").tag("team", team).register(registry).increment();
        return yaml;
    }
}
