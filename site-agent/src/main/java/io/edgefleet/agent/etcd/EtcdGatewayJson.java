package io.edgefleet.agent.etcd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * etcd's v3 API as its gRPC gateway speaks it in JSON ({@code rpc.proto} mapped by grpc-gateway): field
 * names as in the proto ({@code peerURLs}, {@code isLearner}, {@code ID}), 64-bit integers as decimal
 * strings, {@code bytes} fields (keys, values, snapshot blobs) as base64, fields at their default value
 * (false, 0, empty) left out.
 */
final class EtcdGatewayJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private EtcdGatewayJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode memberAdd(String peerUrl, boolean learner) {
        ObjectNode body = object().put("isLearner", learner);
        body.putArray("peerURLs").add(peerUrl);
        return body;
    }

    /** Promote and remove name the member by {@code ID}, a uint64 the gateway accepts as a decimal string. */
    static ObjectNode memberId(String id) {
        return object().put("ID", id);
    }

    static ObjectNode put(String key, String value) {
        return object().put("key", base64(key)).put("value", base64(value));
    }

    static ObjectNode range(String key, String rangeEnd) {
        ObjectNode body = object().put("key", base64(key));
        if (rangeEnd != null) {
            body.put("range_end", base64(rangeEnd));
        }
        return body;
    }

    static List<EtcdMember> members(JsonNode answer) {
        List<EtcdMember> members = new ArrayList<>();
        for (JsonNode m : answer.path("members")) {
            members.add(member(m));
        }
        return members;
    }

    static EtcdMember member(JsonNode m) {
        return new EtcdMember(m.path("ID").asText(), m.path("name").asText(""), texts(m.path("peerURLs")),
                texts(m.path("clientURLs")), m.path("isLearner").asBoolean(false));
    }

    static EtcdStatus status(URI endpoint, JsonNode s) {
        String leader = s.path("leader").asText(null);
        return new EtcdStatus(endpoint, s.path("header").path("member_id").asText(""), leader,
                s.path("header").path("revision").asLong(0), s.path("raftIndex").asLong(0),
                s.path("isLearner").asBoolean(false), s.path("version").asText(""), s.path("dbSize").asLong(0),
                texts(s.path("errors")));
    }

    static long revision(JsonNode answer) {
        return answer.path("header").path("revision").asLong(0);
    }

    /**
     * etcd's refusal from an error body. The gateway of etcd 3.4 answers unary calls with
     * {@code {"error": "...", "message": "...", "code": 9}} and 3.5 with {@code {"message": ..., "code": ...}};
     * a streamed call (snapshot) puts {@code {"error": {"grpc_code": 14, "message": "..."}}} in the stream.
     */
    static EtcdException refusal(URI endpoint, int httpStatus, String body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n != null && n.path("error").isObject()) {
                return refusal(endpoint, httpStatus, n.path("error"));
            }
            if (n != null && (n.has("message") || n.has("error"))) {
                String message = n.path("message").asText(n.path("error").asText(""));
                return new EtcdException(endpoint, httpStatus, n.path("code").asInt(-1), message);
            }
        } catch (JsonProcessingException e) {
            // not JSON: report the body as it came
        }
        return new EtcdException(endpoint, httpStatus, -1, body == null || body.isBlank() ? "(empty answer)" : body.strip());
    }

    static EtcdException refusal(URI endpoint, int httpStatus, JsonNode streamedError) {
        return new EtcdException(endpoint, streamedError.path("http_code").asInt(httpStatus),
                streamedError.path("grpc_code").asInt(-1), streamedError.path("message").asText("(no message)"));
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String text(JsonNode base64) {
        return new String(Base64.getDecoder().decode(base64.asText("")), StandardCharsets.UTF_8);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
