/**
 * Every cluster's secrets (ADR 0024): made once per live cluster with the cluster-pki module, kept in
 * placement's database encrypted with the key-encryption key ({@code cluster_secret}), and published sealed
 * for the site's enrolled agent keys and the central readers on {@code fleet.cluster-secrets.v1}
 * ({@link io.edgefleet.placement.secrets.ClusterSecretsIssuer}); a tombstone follows a cluster's end.
 * Nothing here logs a secret: log lines name clusters and counts only.
 */
package io.edgefleet.placement.secrets;
