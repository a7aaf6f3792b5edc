package io.edgefleet.agent.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.driver.GuestSeed;
import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.driver.host.HostCommand;
import io.edgefleet.agent.driver.host.HostResources;
import io.edgefleet.agent.driver.host.VmCgroups;
import io.edgefleet.agent.driver.vmm.VmmProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A create of a seeded microVM up to the launch, with a launcher that starts nothing: the seed disk is made before
 * QEMU starts and named on its command line, no secret reaches the driver's record or the create's outcome, a seed
 * disk that cannot be made fails the create with the tool's words and launches nothing, and delete removes it all.
 */
class QemuSeededCreateTest {
    static final String SECRET = "TOKEN-abcdef.0123456789abcdef";
    static final GuestSeed SEED = new GuestSeed("instance-id: cp-0\n", "#cloud-config\nbootcmd:\n- echo " + SECRET + "\n", null);

    @TempDir
    Path tmp;
    final List<List<String>> launches = new ArrayList<>();
    final List<List<String>> seedCalls = new ArrayList<>();
    Path kernel;
    Path base;

    /** Launches nothing; the "process" is gone at once, as a QEMU that exits at start. */
    final VmmProcesses nothing = new VmmProcesses() {
        @Override
        public Launched launch(List<String> command, Path workDir, Path logFile) {
            launches.add(command);
            return new Launched(4242, Instant.now());
        }

        @Override
        public boolean isAlive(long pid, Instant startedAt) {
            return false;
        }

        @Override
        public void terminate(long pid, Instant startedAt) {
        }

        @Override
        public void kill(long pid, Instant startedAt) {
        }
    };

    @BeforeEach
    void files() throws IOException {
        kernel = Files.writeString(tmp.resolve("vmlinuz"), "kernel");
        base = Files.writeString(tmp.resolve("base.ext4"), "root file system");
    }

    QemuDriver driver(HostCommand.Result seedToolAnswer) {
        QemuConfig config = QemuConfig.fromProperties(Map.of(QemuConfig.PREFIX + "host-id", "h1",
                QemuConfig.PREFIX + "state-dir", tmp.resolve("vm").toString(), QemuConfig.PREFIX + "accel", "tcg",
                QemuConfig.PREFIX + "images-dir", tmp.resolve("images").toString(),
                QemuConfig.PREFIX + "start-timeout-millis", "300"));
        HostResources host = HostResources.onThisHost(config.imagesDir(), null, VmCgroups.detect(tmp, "x", "none"));
        HostCommand seedTool = (argv, input) -> {
            seedCalls.add(argv);
            return seedToolAnswer;
        };
        return new QemuDriver(config, nothing, host, seedTool);
    }

    MicroVmSpec spec() {
        // diskGib 0: the clone stays the base image's few bytes, so the test can read every file of the state dir.
        return new MicroVmSpec("cp-0", "c1", "h1", 1, 512, 0, kernel.toString(), base.toString(), "console=ttyS0", List.of(), SEED);
    }

    @Test
    void theSeedDiskIsMadeBeforeQemuStartsAndNoSecretLeavesItsFiles() throws IOException {
        QemuDriver driver = driver(new HostCommand.Result(0, ""));
        MicroVmStatus status = driver.create(spec());

        Path dir = tmp.resolve("vm/cp-0");
        assertEquals(1, seedCalls.size());
        assertEquals(1, launches.size(), "seed disk first, then QEMU");
        String command = String.join(" ", launches.get(0));
        assertTrue(command.contains("-drive id=seed,file=" + dir.resolve("seed.iso") + ",format=raw,if=none,readonly=on"), command);
        assertTrue(command.contains("root=LABEL=root rw net.ifnames=0"), command);
        assertTrue(Files.exists(dir.resolve("seed.iso")) && Files.exists(dir.resolve("seed/user-data")));
        try (Stream<Path> files = Files.walk(dir)) {
            // Only the seed's documents and the seed disk may hold it.
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(dir.resolve("seed"))).toList()) {
                assertFalse(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains(SECRET), f + " holds the secret");
            }
        }
        assertFalse(status.toString().contains(SECRET), status.toString());

        driver.delete("cp-0");
        assertFalse(Files.exists(dir), "the seed disk and its documents go with the microVM");
    }

    @Test
    void aSeedDiskThatCannotBeMadeFailsTheCreateAndLaunchesNothing() {
        MicroVmStatus status = driver(new HostCommand.Result(1, "genisoimage: No space left on device")).create(spec());

        assertEquals(MicroVmState.FAILED, status.state());
        assertTrue(status.reason().startsWith("make the NoCloud seed disk of microVM cp-0"), status.reason());
        assertTrue(status.reason().endsWith("exited 1: genisoimage: No space left on device"), status.reason());
        assertEquals(List.of(), launches);
    }
}
