package io.edgefleet.api.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.request.ClusterDeleteRequested;
import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.events.request.ClusterScaleRequested;
import io.edgefleet.events.request.ClusterUpgradeRequested;
import io.edgefleet.events.request.NetworkFunctionDeleteRequested;
import io.edgefleet.events.request.NetworkFunctionRequested;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a spec's addition, change or removal asks placement for: the same requests REST would publish. A change
 * to a cluster's replica or worker count is a scale, to its Kubernetes version an upgrade; anything else cannot
 * change in place and is reported, not asked. A changed identity (id, team, site, cluster) is reported and the
 * object is left as it was, so that removing the file later deletes what was actually made.
 */
final class SpecChanges {
    private static final Set<String> CLUSTER_IDENTITY = Set.of("clusterId", "team", "siteId");
    private static final Set<String> NF_IDENTITY = Set.of("nfId", "team", "siteId", "clusterId");
    private static final String CP_REPLICAS = "controlPlane.replicas";
    private static final String WORKER_COUNT = "workers.count";
    private static final String VERSION = "kubernetesVersion";

    /** One request to publish; {@code action} goes into its id (create, scale, upgrade, delete). */
    record Ask(String action, EventPayload request) {
    }

    /**
     * @param asks          what to publish, in order
     * @param notApplicable changed fields that cannot change in place, each said for an operator
     * @param keepOld       the object stays as the old spec made it (its identity changed, nothing was asked)
     */
    record Plan(List<Ask> asks, List<String> notApplicable, boolean keepOld) {
    }

    private SpecChanges() {
    }

    static Plan added(Spec spec) {
        return new Plan(List.of(new Ask("create", spec.request())), List.of(), false);
    }

    static Plan removed(Spec old, String reason) {
        EventPayload request = old.request();
        if (request instanceof ClusterRequested) {
            ClusterRequested c = (ClusterRequested) request;
            return new Plan(List.of(new Ask("delete", new ClusterDeleteRequested(c.clusterId(), c.team(), c.siteId(),
                    reason))), List.of(), false);
        }
        NetworkFunctionRequested nf = (NetworkFunctionRequested) request;
        return new Plan(List.of(new Ask("delete", new NetworkFunctionDeleteRequested(nf.nfId(), nf.team(), nf.siteId(),
                nf.clusterId(), reason))), List.of(), false);
    }

    static Plan changed(Spec old, Spec now) {
        Set<String> fields = differences(json(old.request()), json(now.request()), "");
        if (old.cluster() != now.cluster()) {
            return new Plan(List.of(), List.of("kind cannot change in place: remove this file and add one for the new"
                    + " object"), true);
        }
        Set<String> identity = now.cluster() ? CLUSTER_IDENTITY : NF_IDENTITY;
        List<String> identityChanges = fields.stream().filter(identity::contains).toList();
        if (!identityChanges.isEmpty()) {
            return new Plan(List.of(), identityChanges.stream().map(f -> f + " cannot change in place: remove this"
                    + " file and add one for the new " + (now.cluster() ? "cluster" : "network function")).toList(),
                    true);
        }
        List<Ask> asks = new ArrayList<>();
        if (now.cluster()) {
            ClusterRequested c = (ClusterRequested) now.request();
            boolean replicas = fields.contains(CP_REPLICAS);
            boolean workers = fields.contains(WORKER_COUNT);
            if (replicas || workers) {
                asks.add(new Ask("scale", new ClusterScaleRequested(c.clusterId(), c.team(), c.siteId(),
                        workers ? c.workers().count() : null, replicas ? c.controlPlane().replicas() : null)));
            }
            if (fields.contains(VERSION)) {
                asks.add(new Ask("upgrade", new ClusterUpgradeRequested(c.clusterId(), c.team(), c.siteId(),
                        c.kubernetesVersion())));
            }
            fields.removeAll(Set.of(CP_REPLICAS, WORKER_COUNT, VERSION));
        }
        return new Plan(asks, fields.stream().map(f -> f + " cannot change in place").toList(), false);
    }

    private static JsonNode json(EventPayload request) {
        return EventJson.mapper().valueToTree(request);
    }

    /** The dotted paths of every leaf that differs between two JSON trees (maps compared field by field). */
    static Set<String> differences(JsonNode a, JsonNode b, String at) {
        Set<String> out = new TreeSet<>();
        if (a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                out.addAll(differences(value(a, name), value(b, name), at.isEmpty() ? name : at + "." + name));
            }
        } else if (!a.equals(b) && !(absent(a) && absent(b))) {
            out.add(at);
        }
        return out;
    }

    private static JsonNode value(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null ? MissingNode.getInstance() : v;
    }

    private static boolean absent(JsonNode n) {
        return n.isMissingNode() || n.isNull() || (n.isContainerNode() && n.isEmpty());
    }
}
