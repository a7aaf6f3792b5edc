package io.edgefleet.api.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.rest.Problem;
import io.edgefleet.api.rest.ProblemException;
import io.edgefleet.events.EventJson;
import io.edgefleet.events.validation.Violation;
import io.edgefleet.events.validation.ViolationCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Templates as data: the shipped file, an operator's file, the merge, and whose value a violation blames. */
class TemplateExpansionTest {

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) EventJson.mapper().readTree(text);
    }

    @Test
    void theShippedTemplatesAreSmallHaAndHaBm() throws Exception {
        Map<String, ClusterTemplate> shipped = TemplateCatalog.load(Optional.empty());
        assertEquals(List.of("ha", "ha-bm", "small"), shipped.keySet().stream().sorted().toList());
        assertEquals(3, shipped.get("ha").spec().path("controlPlane").path("replicas").asInt());
        assertEquals("BARE_METAL", shipped.get("ha-bm").spec().path("workers").path("kind").asText());
        assertEquals("default", shipped.get("small").origin());
    }

    @Test
    void theRequestWinsFieldByFieldAndMapsAreMerged() throws Exception {
        ObjectNode template = json("""
                {"kubernetesVersion": "1.31.2", "controlPlane": {"replicas": 3, "vcpu": 2, "memoryMib": 4096,
                 "diskGib": 20}, "labels": {"tier": "ha", "env": "dev"}}""");
        ObjectNode merged = TemplateExpansion.expand(template, json("""
                {"clusterId": "c1", "controlPlane": {"replicas": 5}, "labels": {"env": "prod"}}"""));
        assertEquals(5, merged.at("/controlPlane/replicas").asInt());
        assertEquals(4096, merged.at("/controlPlane/memoryMib").asInt(), "the template's size stays");
        assertEquals("ha", merged.at("/labels/tier").asText());
        assertEquals("prod", merged.at("/labels/env").asText());
        assertEquals("c1", merged.get("clusterId").asText());
        assertEquals(3, template.at("/controlPlane/replicas").asInt(), "the template itself is unchanged");
    }

    @Test
    void anotherWorkerKindTakesNoneOfTheTemplatesWorkerSize() throws Exception {
        ObjectNode merged = TemplateExpansion.expand(json("""
                {"workers": {"kind": "MICROVM", "count": 2, "vcpu": 4, "memoryMib": 8192, "diskGib": 40}}"""),
                json("{\"workers\": {\"kind\": \"BARE_METAL\", \"count\": 1}}"));
        assertEquals("{\"kind\":\"BARE_METAL\",\"count\":1}", merged.get("workers").toString());
    }

    @Test
    void aViolationNamesWhoseValueItIs() throws Exception {
        ClusterTemplate ha = new ClusterTemplate("ha", "", "default", json("""
                {"controlPlane": {"replicas": 4, "vcpu": 2, "memoryMib": 4096, "diskGib": 20}}"""));
        ProblemException fromTemplate = ClusterRequests.attributed(ha, json("{\"clusterId\": \"c1\"}"), List.of(
                new Violation("$.controlPlane.replicas", ViolationCode.NOT_ALLOWED, "must be 1, 3, 5 or 7 (got 4)")));
        assertEquals(422, fromTemplate.status());
        assertEquals("template ha: controlPlane.replicas: must be 1, 3, 5 or 7 (got 4)",
                fromTemplate.errors().get(0).message());

        ProblemException fromRequest = ClusterRequests.attributed(ha, json("{\"controlPlane\": {\"vcpu\": 0}}"),
                List.of(new Violation("$.controlPlane.vcpu", ViolationCode.OUT_OF_RANGE, "must be at least 1")));
        assertEquals(400, fromRequest.status(), "the request's own mistake is a plain 400");
        Problem.FieldError error = fromRequest.errors().get(0);
        assertEquals("$.controlPlane.vcpu", error.path());
        assertEquals("request: controlPlane.vcpu: must be at least 1", error.message());
        assertTrue(fromRequest.getMessage().contains("expanded from template ha"), fromRequest.getMessage());

        ProblemException missing = ClusterRequests.attributed(ha, json("{}"),
                List.of(new Violation("$.siteId", ViolationCode.REQUIRED, "is required")));
        assertTrue(missing.errors().get(0).message().contains("set by neither the request nor template ha"));
    }

    @Test
    void pathsWithQuotedNamesAndIndexesAreFound() throws Exception {
        ObjectNode doc = json("{\"labels\": {\"app.kubernetes.io/name\": \"x\"}, \"list\": [1, {\"a\": 2}]}");
        assertTrue(JsonPathLookup.has(doc, "$.labels['app.kubernetes.io/name']"));
        assertTrue(JsonPathLookup.has(doc, "$.list[1].a"));
        assertFalse(JsonPathLookup.has(doc, "$.list[2]"));
        assertFalse(JsonPathLookup.has(doc, "$.labels.other"));
        assertFalse(JsonPathLookup.has(doc, "ce_type"));
    }

    @Test
    void anOperatorsFileIsCheckedFieldByField() {
        TemplateFile.InvalidTemplates e = assertThrows(TemplateFile.InvalidTemplates.class, () -> TemplateFile.parse(
                "templates:\n  Big_One:\n    spec: {}\n  t2:\n    spec: {clusterId: x}\n  t3: {description: no spec}\n"
                        .getBytes(StandardCharsets.UTF_8), "ops.yaml"));
        assertTrue(e.getMessage().startsWith("ops.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains("\"Big_One\" is not a DNS label"), e.getMessage());
        assertTrue(e.getMessage().contains("spec.clusterId cannot be set by a template"), e.getMessage());
        assertTrue(e.getMessage().contains("template t3: spec must be a map"), e.getMessage());
        assertThrows(TemplateFile.InvalidTemplates.class,
                () -> TemplateFile.parse("templates: [".getBytes(StandardCharsets.UTF_8), "bad.yaml"));
    }
}
