package io.edgefleet.events.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.events.EventPayload;
import io.edgefleet.events.EventType;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.outcome.RequestKind;
import io.edgefleet.events.request.SiteEnrollRequested;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An enrolment must carry a key that can verify signatures; anything else is refused with its path. */
class SiteEnrollValidationTest {
    private static final String TYPE = "io.edgefleet.site.enroll-requested.v1";

    private static Validated<EventPayload> validate(String json) {
        return EventValidator.validate(TYPE, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aGeneratedPublicKeyIsAcceptedAsPemAndAsBareBase64() {
        String pem = SiteKeys.publicKeyPem(SiteKeys.generate().getPublic());
        String json = "{\"siteId\":\"edge-par-01\",\"publicKeyPem\":" + quote(pem) + "}";
        Validated<EventPayload> pemResult = validate(json);
        assertTrue(pemResult.isValid(), () -> pemResult.violations().toString());
        assertEquals(new SiteEnrollRequested("edge-par-01", pem, null), pemResult.orElseThrow());

        String bare = pem.replaceAll("-----[A-Z ]+-----", "").replace("\n", "");
        assertTrue(validate("{\"siteId\":\"edge-par-01\",\"publicKeyPem\":\"" + bare + "\"}").isValid());
        assertEquals(RequestKind.SITE_ENROLL, EventType.SITE_ENROLL_REQUESTED.requestKind().orElseThrow());
    }

    @Test
    void aKeyThatIsNotAnEd25519PublicKeyIsRefusedAtItsPath() {
        String privatePem = SiteKeys.privateKeyPem(SiteKeys.generate().getPrivate());
        for (String bad : List.of("hello", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", privatePem)) {
            List<Violation> violations = validate("{\"siteId\":\"edge-par-01\",\"publicKeyPem\":" + quote(bad) + "}")
                    .violations();
            assertEquals(1, violations.size(), violations::toString);
            assertEquals("$.publicKeyPem", violations.get(0).path());
            assertEquals(ViolationCode.BAD_FORMAT, violations.get(0).code());
            assertTrue(violations.get(0).message().startsWith("must be an Ed25519 public key in PEM"),
                    violations.get(0).message());
        }
    }

    @Test
    void aHostKeyNamesItsHostWhichMustBeAHostId() {
        String pem = SiteKeys.publicKeyPem(SiteKeys.generate().getPublic());
        Validated<EventPayload> host = validate("{\"siteId\":\"edge-par-01\",\"hostId\":\"edge-par-01-h3\","
                + "\"publicKeyPem\":" + quote(pem) + "}");
        assertTrue(host.isValid(), () -> host.violations().toString());
        assertEquals(new SiteEnrollRequested("edge-par-01", pem, null, "edge-par-01-h3"), host.orElseThrow());
        for (String bad : List.of("\"H3\"", "\"\"", "7")) {
            List<Violation> violations = validate("{\"siteId\":\"edge-par-01\",\"hostId\":" + bad
                    + ",\"publicKeyPem\":" + quote(pem) + "}").violations();
            assertEquals(List.of("$.hostId"), violations.stream().map(Violation::path).toList(), bad);
        }
    }

    @Test
    void siteAndKeyAreRequired() {
        List<String> paths = validate("{\"enrolledBy\":\"ops\"}").violations().stream().map(Violation::path).toList();
        assertEquals(List.of("$.publicKeyPem", "$.siteId"), paths.stream().sorted().toList());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }
}
