package io.edgefleet.agent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.driver.GuestSeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every role's user-data passes the real {@code cloud-init schema}, which does reject a broken one. */
class CloudConfigSchemaTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void cloudInit() {
        CloudInitTool.require();
    }

    static Stream<NodeBootstrap> nodes() {
        return Stream.of(BootstrapFixtures.init(), BootstrapFixtures.joinControlPlane(), BootstrapFixtures.worker());
    }

    @ParameterizedTest
    @MethodSource("nodes")
    void productionUserDataIsValidCloudConfig(NodeBootstrap node) throws IOException {
        assertValid(NodeSeeds.render(node), node.role() + " production");
    }

    @ParameterizedTest
    @MethodSource("nodes")
    void testUserDataWithPowerOffIsValidCloudConfig(NodeBootstrap node) throws IOException {
        GuestSeed seed = NodeSeeds.render(node, SeedOptions.PRODUCTION.withPowerOffWhenDone());
        assertTrue(SeedDocuments.userData(seed).has("power_state"));
        assertValid(seed, node.role() + " powering off");
    }

    /** The check is worth something only if it can fail: a mode written as a YAML number is refused. */
    @Test
    void schemaRejectsAPermissionThatIsNotAString() throws IOException {
        String userData = NodeSeeds.render(BootstrapFixtures.worker()).userData();
        String broken = userData.replace("permissions: \"0600\"", "permissions: 0600");
        assertNotEquals(userData, broken);
        CloudInitTool.Result result = CloudInitTool.schema(write("broken.yaml", broken));
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("permissions"), result.output());
    }

    private void assertValid(GuestSeed seed, String what) throws IOException {
        CloudInitTool.Result result = CloudInitTool.schema(write("user-data", seed.userData()));
        assertEquals(0, result.exitCode(), what + ": " + result.output());
        assertTrue(result.output().contains("Valid cloud-config"), what + ": " + result.output());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
