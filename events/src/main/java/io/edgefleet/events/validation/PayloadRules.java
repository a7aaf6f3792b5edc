package io.edgefleet.events.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.events.EventType;
import io.edgefleet.events.identity.SiteKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * Cross-field rules. JSON Schema can say them only with if/then/else, whose errors are
 * unreadable ("must not be valid against schema ..."), so they live here with plain messages.
 * Each rule looks only at fields of the right type and leaves type errors to the schema.
 */
final class PayloadRules {

    private static final String[] WORKER_SIZE = {"vcpu", "memoryMib", "diskGib"};

    private PayloadRules() {
    }

    static List<Violation> check(EventType type, JsonNode data) {
        return switch (type) {
            case CLUSTER_REQUESTED -> workers(data.path("workers"));
            case CLUSTER_SCALE_REQUESTED -> scaleTarget(data);
            case SITE_ENROLL_REQUESTED -> publicKey(data.path("publicKeyPem"));
            case AGENT_HEARTBEAT -> all(inventoryOrDigest(data), hostAgentInventory(data), coreIds(data.path("hosts")),
                    NetworkRules.network(data.get("network"), "$.network"));
            case SITE_PLAN -> all(NetworkRules.network(data.get("network"), "$.network"),
                    NetworkRules.microVmAddresses(data.path("microVms")));
            case MICROVM_STATE_CHANGED -> hostUnlessDeleted(data);
            case CLUSTER_DELETE_REQUESTED, NETWORK_FUNCTION_REQUESTED,
                    NETWORK_FUNCTION_DELETE_REQUESTED, REQUEST_ACCEPTED, REQUEST_REJECTED, CLUSTER_STATUS_CHANGED,
                    NETWORK_FUNCTION_STATUS_CHANGED, CLUSTER_BOOTSTRAP_REPORTED, HOST_STATE_CHANGED,
                    CLUSTER_SECRETS_SEALED, NETWORK_FUNCTION_REPORTED, CLUSTER_UPGRADE_REQUESTED,
                    TEAM_QUOTA_SET, SITE_CONSOLIDATION_CHANGED, TEAM_QUOTA_CHANGED -> List.of();
            case SITE_CONSOLIDATE_REQUESTED -> planOnlyWithApply(data);
        };
    }

    /** A plan id names the dry run to perform, so only an apply may carry one. */
    private static List<Violation> planOnlyWithApply(JsonNode request) {
        JsonNode planId = request.get("planId");
        if (planId != null && !planId.isNull() && !"APPLY".equals(request.path("action").asText())) {
            return List.of(new Violation("$.planId", ViolationCode.INCONSISTENT,
                    "may be set only when action is APPLY (got " + request.path("action").asText() + ")"));
        }
        return List.of();
    }

    @SafeVarargs
    private static List<Violation> all(List<Violation>... lists) {
        List<Violation> all = new ArrayList<>();
        for (List<Violation> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    /**
     * A microVM report names its host, except DELETED: agents before ADR 0019 left it out there, and
     * a deleted microVM runs nowhere, so placement applies those without it.
     */
    private static List<Violation> hostUnlessDeleted(JsonNode report) {
        JsonNode host = report.get("hostId");
        if ((host == null || host.isNull()) && !"DELETED".equals(report.path("state").asText())) {
            return List.of(new Violation("$.hostId", ViolationCode.REQUIRED, "is required unless state is DELETED"));
        }
        return List.of();
    }

    /** A host agent speaks for its own host only (ADR 0019): its full inventory is exactly that host. */
    private static List<Violation> hostAgentInventory(JsonNode heartbeat) {
        JsonNode hostId = heartbeat.get("hostId");
        JsonNode hosts = heartbeat.get("hosts");
        if (hostId == null || !hostId.isTextual() || hosts == null || !hosts.isArray()) {
            return List.of();
        }
        if (hosts.size() != 1 || !hostId.asText().equals(hosts.get(0).path("hostId").asText())) {
            return List.of(new Violation("$.hosts", ViolationCode.INCONSISTENT, "must hold exactly host " + hostId.asText()
                    + " when hostId is set: a host agent reports its own host only (got " + hosts.size() + " hosts)"));
        }
        return List.of();
    }

    /** Core ids, when a node reports them, name each of its cores once: as many ids as cores. */
    private static List<Violation> coreIds(JsonNode hosts) {
        List<Violation> out = new ArrayList<>();
        for (int h = 0; h < hosts.size(); h++) {
            JsonNode nodes = hosts.get(h).path("numaNodes");
            for (int n = 0; n < nodes.size(); n++) {
                JsonNode ids = nodes.get(n).get("coreIds");
                int cores = nodes.get(n).path("cores").asInt();
                if (ids != null && ids.isArray() && !ids.isEmpty() && ids.size() != cores) {
                    out.add(new Violation("$.hosts[" + h + "].numaNodes[" + n + "].coreIds", ViolationCode.INCONSISTENT,
                            "must name each of the node's " + cores + " cores once (got " + ids.size() + " ids)"));
                }
            }
        }
        return out;
    }

    /**
     * The key must be an Ed25519 public key, not just any text: an enrolment of a key that cannot
     * verify anything would silently cut the site off.
     */
    static List<Violation> publicKey(JsonNode pem) {
        if (!pem.isTextual() || pem.asText().isEmpty() || pem.asText().length() > 4096) {
            return List.of(); // missing, not a string or too long: the schema says so
        }
        try {
            SiteKeys.parsePublicKey(pem.asText());
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(new Violation("$.publicKeyPem", ViolationCode.BAD_FORMAT,
                    "must be an Ed25519 public key in PEM (-----BEGIN PUBLIC KEY----- ..., as the agent writes to"
                            + " <key-file>.pub) or its bare base64 body: " + reason(e)));
        }
    }

    private static String reason(IllegalArgumentException e) {
        Throwable root = e.getCause() != null ? e.getCause() : e;
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 200 ? message.substring(0, 200) : message;
    }

    /**
     * A heartbeat carries the inventory ({@code hosts}) or the digest of the one it last sent in
     * full; with neither, placement could not tell what the site holds (ADR 0013).
     */
    private static List<Violation> inventoryOrDigest(JsonNode heartbeat) {
        JsonNode hosts = heartbeat.get("hosts");
        JsonNode digest = heartbeat.get("inventoryDigest");
        boolean hasHosts = hosts != null && !hosts.isNull();
        boolean hasDigest = digest != null && !digest.isNull();
        if (hasHosts || hasDigest) {
            return List.of();
        }
        return List.of(new Violation("$.hosts", ViolationCode.REQUIRED,
                "is required when inventoryDigest is absent: a heartbeat carries the site's inventory (hosts),"
                        + " or only the inventoryDigest of the inventory it last sent in full"));
    }

    /**
     * A scale request changes the workers, the control plane, or both; with neither it would say
     * nothing. Producers before {@code controlPlaneReplicas} always sent {@code workerCount}, so the
     * message names that field first.
     */
    private static List<Violation> scaleTarget(JsonNode request) {
        if (present(request.get("workerCount")) || present(request.get("controlPlaneReplicas"))) {
            return List.of();
        }
        return List.of(new Violation("$.workerCount", ViolationCode.REQUIRED,
                "is required when controlPlaneReplicas is absent: a scale request names the new worker count,"
                        + " the new control-plane replica count (controlPlaneReplicas), or both"));
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull();
    }

    /** A bare-metal worker is a whole host, so it has no size; a microVM worker must have one. */
    private static List<Violation> workers(JsonNode workers) {
        List<Violation> violations = new ArrayList<>();
        if (!workers.isObject()) {
            return violations;
        }
        String kind = workers.path("kind").asText("");
        for (String field : WORKER_SIZE) {
            JsonNode value = workers.get(field);
            boolean present = value != null && !value.isNull();
            String path = "$.workers." + field;
            if ("BARE_METAL".equals(kind) && present) {
                violations.add(new Violation(path, ViolationCode.INCONSISTENT,
                        "must not be set for BARE_METAL workers: a bare-metal worker is a whole host"));
            } else if ("MICROVM".equals(kind) && !present) {
                violations.add(new Violation(path, ViolationCode.REQUIRED, "is required for MICROVM workers"));
            }
        }
        return violations;
    }
}
