package io.edgefleet.agent.cluster;

import io.edgefleet.agent.etcd.DesiredMember;
import io.edgefleet.agent.etcd.EtcdClient;
import io.edgefleet.agent.etcd.EtcdMember;
import io.edgefleet.agent.etcd.EtcdMembership;
import io.edgefleet.agent.etcd.EtcdSnapshots;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.pki.CertificateAndKey;
import io.edgefleet.pki.ClusterSecrets;
import io.edgefleet.pki.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A cluster's etcd reached the way kubeadm's own health checks reach it: every control-plane address of the plan
 * on the client port, TLS trusted with the cluster's etcd CA only, and a short-lived client certificate the agent
 * signs with that CA (kubeadm's etcd accepts any client certificate of its CA). Clusters without secrets or without
 * addresses are not measured. Snapshots go to a directory of the site-steps host (docs/restore-etcd-snapshot.md).
 */
public final class EtcdOverTls implements ClusterEtcd {
    static final int CLIENT_PORT = 2379;
    static final int PEER_PORT = 2380;

    private final Function<String, Optional<ClusterSecrets>> secrets;
    private final EtcdSnapshots snapshots;
    private final Clock clock;
    private final Map<String, Held> clients = new ConcurrentHashMap<>();

    private record Held(EtcdClient client, List<URI> endpoints, Instant renewAt) {
    }

    public EtcdOverTls(Function<String, Optional<ClusterSecrets>> secrets, EtcdSnapshots snapshots, Clock clock) {
        this.secrets = secrets;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @Override
    public EtcdState observe(SitePlan plan, PlannedCluster cluster) {
        Optional<EtcdClient> client = client(plan, cluster);
        if (client.isEmpty()) {
            return EtcdState.NOT_MEASURED;
        }
        try {
            List<EtcdMember> members = client.get().memberList();
            return new EtcdState(true,
                    members.stream().filter(m -> !m.learner() && m.started()).map(EtcdMember::name).toList(),
                    members.stream().filter(m -> m.learner() || !m.started()).map(EtcdMember::label).toList(), null);
        } catch (IOException | RuntimeException e) {
            return EtcdState.unreachable(e.getMessage());
        }
    }

    @Override
    public String reconcile(SitePlan plan, PlannedCluster cluster, Set<String> registeredNodes) {
        return client(plan, cluster).map(c -> new EtcdMembership(c).reconcile(desired(plan, cluster, registeredNodes))
                .describe()).orElse("etcd is not measured");
    }

    @Override
    public boolean snapshotDue(PlannedCluster cluster) {
        try {
            return snapshots != null && clients.containsKey(cluster.clusterId())
                    && snapshots.due(cluster.clusterId(), clock.instant());
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public String snapshot(SitePlan plan, PlannedCluster cluster) throws IOException {
        EtcdClient client = client(plan, cluster).orElseThrow(() -> new IOException("etcd is not measured"));
        Path file = snapshots.take(cluster.clusterId(), client, clock.instant());
        return file.toString();
    }

    @Override
    public void forget(String clusterId) {
        clients.remove(clusterId);
    }

    /**
     * The planned control-plane replicas with an address, as etcd members: named by microVM id, as kubeadm names
     * them; one counts as running once its node is registered.
     */
    static List<DesiredMember> desired(SitePlan plan, PlannedCluster cluster, Set<String> registeredNodes) {
        return addresses(plan, cluster).entrySet().stream()
                .map(e -> new DesiredMember(e.getKey(), "https://" + e.getValue() + ":" + PEER_PORT,
                        registeredNodes.contains(e.getKey()))).toList();
    }

    private static Map<String, String> addresses(SitePlan plan, PlannedCluster cluster) {
        Map<String, String> byId = new java.util.TreeMap<>();
        for (PlannedMicroVm vm : plan.microVms()) {
            if (cluster.controlPlaneMicroVmIds().contains(vm.microVmId()) && vm.ipAddress() != null) {
                byId.put(vm.microVmId(), vm.ipAddress());
            }
        }
        return byId;
    }

    private Optional<EtcdClient> client(SitePlan plan, PlannedCluster cluster) {
        Optional<ClusterSecrets> opened = secrets.apply(cluster.clusterId());
        List<URI> endpoints = addresses(plan, cluster).values().stream()
                .map(ip -> URI.create("https://" + ip + ":" + CLIENT_PORT)).toList();
        if (opened.isEmpty() || endpoints.isEmpty()) {
            return Optional.empty();
        }
        Held held = clients.get(cluster.clusterId());
        Instant now = clock.instant();
        if (held == null || !held.endpoints().equals(endpoints) || !now.isBefore(held.renewAt())) {
            CertificateAndKey cert = AgentClientCertificates.issue(opened.get().etcdCa(), List.of(), now);
            held = new Held(new EtcdClient(endpoints, TlsContexts.clientContext(opened.get().etcdCa().certificatePem(), cert)),
                    endpoints, AgentClientCertificates.renewAt(now));
            clients.put(cluster.clusterId(), held);
        }
        return Optional.of(held.client());
    }
}
