package io.edgefleet.api.rest;

import io.edgefleet.api.auth.Caller;
import io.edgefleet.api.auth.FleetRoles;
import io.edgefleet.api.kubeconfig.KubeconfigIssuer;
import io.edgefleet.api.view.ClusterSecretsView;
import io.edgefleet.api.view.FleetView;
import io.edgefleet.events.outcome.ClusterStatusChanged;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.pki.ClusterSecrets;
import io.edgefleet.pki.SealingException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.logging.Logger;

/**
 * A cluster's admin kubeconfig for its owning team (or fleet-admin): the VIP endpoint, the cluster CA and a
 * new short-lived client certificate. The answer holds a private key: never cached, never stored.
 */
@Path("/api/v1/clusters/{id}/kubeconfig")
@RolesAllowed(FleetRoles.USER)
@APIResponse(responseCode = "401", ref = OpenApiInfo.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiInfo.FORBIDDEN)
@SecurityRequirement(name = "bearer")
public class KubeconfigResource {
    public static final String YAML = "application/yaml";
    private static final Logger LOG = Logger.getLogger(KubeconfigResource.class);

    @Inject
    FleetView view;
    @Inject
    ClusterSecretsView secrets;
    @Inject
    KubeconfigIssuer issuer;
    @Inject
    Caller caller;

    @GET
    @Produces({YAML, "text/plain"})
    @APIResponse(responseCode = "404", ref = OpenApiInfo.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiInfo.CONFLICT)
    @APIResponse(responseCode = "503", ref = OpenApiInfo.UNAVAILABLE)
    @APIResponse(responseCode = "200", description = "OK: the kubeconfig (YAML)")
    @Operation(summary = "A kubeconfig for the cluster with a new client certificate in kubeadm:cluster-admins"
            + " (owning team or fleet-admin; every issue is audited)")
    public Response kubeconfig(@PathParam("id") String id) {
        ClusterStatusChanged cluster = view.cluster(id).orElseThrow(() -> ProblemException.notFound("no cluster " + id
                + " (a cluster appears here once placement has decided its request)"));
        caller.requireTeam(cluster.team(), "get a kubeconfig of cluster " + id);
        String endpoint = endpoint(cluster);
        ClusterSecrets clusterSecrets = secretsOf(id);
        String yaml = issuer.issue(id, cluster.team(), caller.name(), endpoint, clusterSecrets);
        return Response.ok(yaml).header("Cache-Control", "no-store").build();
    }

    /** The VIP kube-vip holds, from the site's plan. */
    private String endpoint(ClusterStatusChanged cluster) {
        String endpoint = view.plan(cluster.siteId()).stream().flatMap(plan -> plan.clusters().stream())
                .filter(planned -> planned.clusterId().equals(cluster.clusterId()))
                .map(PlannedCluster::controlPlaneEndpoint).filter(e -> e != null && !e.isBlank())
                .findFirst().orElse(null);
        if (endpoint == null) {
            throw new ProblemException(409, "Conflict", "cluster " + cluster.clusterId()
                    + " has no API endpoint yet: its site's plan names no virtual IP for it (a site without a"
                    + " network, or a plan not yet published)", List.of());
        }
        return endpoint;
    }

    private ClusterSecrets secretsOf(String id) {
        if (!secrets.canOpen()) {
            throw new ProblemException(503, "Service Unavailable", "this fleet-api cannot issue kubeconfigs: "
                    + secrets.whyNot(), List.of());
        }
        try {
            return secrets.open(id).orElseThrow(() -> new ProblemException(409, "Conflict", "the secrets of cluster "
                    + id + " have not arrived yet: placement makes them right after the cluster is placed; retry"
                    + " in a few seconds", List.of()));
        } catch (SealingException e) {
            LOG.warnf("cannot open the secrets of cluster %s: %s", id, e.getMessage());
            throw new ProblemException(503, "Service Unavailable", "this fleet-api cannot open the secrets of cluster "
                    + id + ": " + e.getMessage() + " (is this fleet-api's public key among placement's readers?)",
                    List.of());
        }
    }
}
