package io.edgefleet.events.secret;

import io.edgefleet.events.EventPayload;
import java.time.Instant;

/**
 * A cluster's secrets (its CAs' keys, service-account key pair, bootstrap token and certificate key),
 * sealed for the agents of its site and the central readers ({@code io.edgefleet.cluster.secrets-sealed.v1},
 * placement → agents, fleet-api). Published on the compacted {@code fleet.cluster-secrets.v1} with key = cluster
 * id, into the partition of its SITE (the partition {@code murmur2(siteId)} gives, like the plan's), so an agent
 * reads one partition of it as of the plan topic. A tombstone (null value) follows the cluster's deletion.
 * See docs/adr/0024.
 *
 * @param clusterId  the cluster
 * @param team       owning team
 * @param siteId     the cluster's site
 * @param generation increases each time the same secrets are sealed again (a recipient's key changed)
 * @param sealed     the sealed content: the cluster's secrets in the encoding of the cluster-pki module
 * @param sealedAt   when placement sealed them
 */
public record ClusterSecretsSealed(String clusterId, String team, String siteId, long generation,
                                   SealedSecrets sealed, Instant sealedAt) implements EventPayload {

    @Override
    public String partitionKey() {
        return clusterId;
    }

    @Override
    public String subject() {
        return clusterId;
    }

    /** Binds the ciphertext to its cluster: the associated data of every seal and open. */
    public static byte[] associatedData(String clusterId, String siteId) {
        return ("edgefleet cluster-secrets v1 " + siteId + "/" + clusterId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
