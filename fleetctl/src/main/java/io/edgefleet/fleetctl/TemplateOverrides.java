package io.edgefleet.fleetctl;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of {@code cluster create --template NAME}: the template's name and only the flags given on the command
 * line. Flags left out are not sent, since their defaults would replace the template's values; fleet-api fills in
 * the rest from the template.
 */
final class TemplateOverrides {
    private TemplateOverrides() {
    }

    /** {@code r} (id, team, site, template already set) with the overrides the command line gives. */
    static ObjectNode request(ClusterCommand.Create c, ObjectNode r) {
        if (given(c, "--k8s")) {
            r.put("kubernetesVersion", c.kubernetesVersion);
        }
        ObjectNode cp = ApiClient.JSON.createObjectNode();
        putIf(c, cp, "--cp", "replicas", c.cpReplicas);
        putIf(c, cp, "--cp-vcpu", "vcpu", c.cpVcpu);
        putIf(c, cp, "--cp-memory", "memoryMib", c.cpMemory);
        putIf(c, cp, "--cp-disk", "diskGib", c.cpDisk);
        ObjectNode w = ApiClient.JSON.createObjectNode();
        if (given(c, "--worker-kind")) {
            w.put("kind", c.workerKind.toUpperCase());
        }
        putIf(c, w, "--workers", "count", c.workers);
        putIf(c, w, "--worker-vcpu", "vcpu", c.workerVcpu);
        putIf(c, w, "--worker-memory", "memoryMib", c.workerMemory);
        putIf(c, w, "--worker-disk", "diskGib", c.workerDisk);
        if (!cp.isEmpty()) {
            r.set("controlPlane", cp);
        }
        if (!w.isEmpty()) {
            r.set("workers", w);
        }
        if (c.ttlSeconds != null) {
            r.put("ttlSeconds", c.ttlSeconds);
        }
        if (c.labels != null) {
            ObjectNode l = r.putObject("labels");
            c.labels.forEach(l::put);
        }
        return r;
    }

    private static boolean given(ClusterCommand.Create c, String option) {
        return c.spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private static void putIf(ClusterCommand.Create c, ObjectNode node, String option, String field, long value) {
        if (given(c, option)) {
            node.put(field, value);
        }
    }
}
