package io.edgefleet.agent.nodeconfig;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code systemd-analyze verify} (Debian's systemd package, present on the CI machines). On Linux a
 * missing tool fails the test; elsewhere (a developer's Mac) the test skips.
 */
final class SystemdAnalyze {
    record Result(int exitCode, String output) {
    }

    private SystemdAnalyze() {
    }

    static void require() {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"),
                "systemd-analyze runs on Linux only");
        boolean installed = Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "systemd-analyze")));
        assertTrue(installed, "systemd-analyze is not installed: apt-get install -y systemd");
    }

    /**
     * Verifies {@code unit} with its drop-ins. The unit's directory goes first on the unit path
     * ({@code SYSTEMD_UNIT_PATH}, trailing ':' keeps the system's directories for targets such as
     * multi-user.target): only units found on that path get their {@code <unit>.d/} drop-ins read.
     */
    static Result verify(Path unit) {
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of("systemd-analyze", "verify", unit.toString()))
                    .redirectErrorStream(true);
            builder.environment().put("SYSTEMD_UNIT_PATH", unit.getParent() + ":");
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run systemd-analyze: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
