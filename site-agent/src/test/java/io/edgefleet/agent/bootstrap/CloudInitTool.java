package io.edgefleet.agent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code cloud-init} (Debian's package; .ci/run installs it). On Linux a missing cloud-init fails the
 * test: the seeds are only checked for real if the tool is there. Elsewhere (a developer's Mac) the tests skip.
 */
final class CloudInitTool {
    record Result(int exitCode, String output) {
    }

    private CloudInitTool() {
    }

    static void require() {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"),
                "cloud-init runs on Linux only");
        boolean installed = Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "cloud-init")));
        assertTrue(installed, "cloud-init is not installed: apt-get install -y cloud-init (.ci/run does)");
    }

    /** {@code cloud-init schema --config-file}: validates a user-data against cloud-init's own JSON schema. */
    static Result schema(Path userData) {
        return run("cloud-init", "schema", "--config-file", userData.toString());
    }

    /** {@code cloud-init devel net-convert}: parses a network-config and renders it as systemd-networkd files. */
    static Result netConvertToNetworkd(Path networkConfig, Path outDir) {
        return run("cloud-init", "devel", "net-convert", "--network-data", networkConfig.toString(), "--kind", "yaml",
                "--directory", outDir.toString(), "--distro", "debian", "--output-kind", "networkd");
    }

    static Result run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
