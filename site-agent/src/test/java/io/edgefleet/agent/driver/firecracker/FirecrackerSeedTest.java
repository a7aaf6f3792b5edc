package io.edgefleet.agent.driver.firecracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.agent.driver.GuestSeed;
import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.driver.NicSpec;
import io.edgefleet.agent.driver.vmm.SeedFiles;
import io.edgefleet.agent.driver.vmm.VmDirectory;
import io.edgefleet.agent.driver.vmm.VmmProcesses;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A microVM with a cloud-init seed on the Firecracker driver, against the spec-checked fake: the seed is served by
 * MMDS V1 under {@code nocloud/}, the kernel command line names the NoCloud datasource and carries the
 * network-config, every request conforms to the API spec, and the secret stays in the microVM's root-only seed
 * files. Without a seed the metadata service stays V2 and holds no seed. See also {@link MmdsSeedCloudInitTest},
 * which has the real cloud-init read what the guest would.
 */
class FirecrackerSeedTest {
    static final FirecrackerSpec SPEC = FirecrackerSpec.load();
    static final String SECRET = "SECRET-KEY-MATERIAL-0123456789";
    static final GuestSeed SEED = new GuestSeed("instance-id: cp-0-5e1f\nlocal-hostname: cp-0\n",
            "#cloud-config\nwrite_files:\n- path: /etc/kubernetes/pki/ca.key\n  permissions: '0600'\n  content: " + SECRET + "\n",
            "version: 2\nethernets:\n  eth0:\n    match:\n      macaddress: 06:00:ac:10:00:02\n    set-name: eth0\n"
                    + "    addresses: [10.0.0.5/24]\n    routes:\n    - to: 0.0.0.0/0\n      via: 10.0.0.1\n");

    @TempDir
    Path tmp;
    FakeVmmProcesses processes;
    Path kernel;
    Path rootfs;

    @BeforeEach
    void setUp() throws IOException {
        processes = new FakeVmmProcesses(SPEC);
        kernel = Files.writeString(tmp.resolve("vmlinux"), "kernel");
        rootfs = Files.writeString(tmp.resolve("cp-0.ext4"), "rootfs");
    }

    @AfterEach
    void tearDown() {
        processes.closeAll();
    }

    FirecrackerDriver driver() {
        return new FirecrackerDriver(FirecrackerConfig.of("h1", Path.of("/usr/bin/firecracker"), tmp.resolve("vm"))
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(5)), processes);
    }

    MicroVmSpec spec(List<NicSpec> nics, GuestSeed seed) {
        return new MicroVmSpec("cp-0", "c1", "h1", 2, 1024, 10, kernel.toString(), rootfs.toString(), "console=ttyS0 reboot=k", nics, seed);
    }

    static List<NicSpec> eth0() {
        return List.of(new NicSpec("eth0", "tap-cp0-0", "06:00:ac:10:00:02", 1500));
    }

    @Test
    void aSeededMicroVmReadsItsSeedFromMmdsV1WithTheDatasourceOnItsCommandLine() throws IOException {
        MicroVmStatus s = driver().create(spec(eth0(), SEED));

        assertEquals(MicroVmState.RUNNING, s.state(), s.reason());
        FakeFirecrackerServer vmm = processes.last();
        vmm.requests().forEach(r -> assertEquals(List.of(), r.violations(), r.line() + " " + r.body()));
        String bootArgs = body(vmm, "PUT /boot-source").path("boot_args").asText();
        String prefix = "console=ttyS0 reboot=k ds=nocloud-net;s=http://169.254.169.254/nocloud/ network-config=";
        assertTrue(bootArgs.startsWith(prefix), bootArgs);
        assertEquals(SEED.networkConfig(), gunzip(bootArgs.substring(prefix.length())), "cloud-init applies it before the network is up");
        assertEquals("{\"version\":\"V1\",\"network_interfaces\":[\"eth0\"]}", body(vmm, "PUT /mmds/config").toString());

        FakeMmds mmds = vmm.mmds();
        assertEquals(new FakeMmds.Answer(200, SEED.metaData()), mmds.get("/nocloud/meta-data", "*/*", null));
        assertEquals(new FakeMmds.Answer(200, SEED.userData()), mmds.get("/nocloud/user-data", "*/*", null));
        assertEquals(new FakeMmds.Answer(200, ""), mmds.get("/nocloud/vendor-data", "*/*", null));
        assertEquals(new FakeMmds.Answer(200, SEED.networkConfig()), mmds.get("/nocloud/network-config", null, null));
        assertEquals(new FakeMmds.Answer(200, "cp-0"), mmds.get("/latest/meta-data/instance-id", null, null), "the EC2-style tree stays");

        Path seedDir = tmp.resolve("vm/cp-0/seed");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(seedDir.resolve("user-data"))));
        for (String file : List.of("vm.json", "vmm.log")) {
            assertFalse(Files.readString(tmp.resolve("vm/cp-0").resolve(file)).contains(SECRET), file + " holds the secret");
        }
        assertFalse(s.toString().contains(SECRET));
    }

    @Test
    void aResumedConfigurationServesTheSeedFromTheStateDirectory() throws IOException {
        // An agent died right after launching the VMM and writing its record: the VMM is alive, "Not started".
        // The record's spec went through JSON, so it has no seed; the restarted driver finds the seed files.
        Path dir = Files.createDirectories(tmp.resolve("vm/cp-0"));
        Files.writeString(dir.resolve("root.img"), "clone");
        SeedFiles.write(dir, SEED);
        Path socket = dir.resolve("api.sock");
        VmmProcesses.Launched vmm = processes.launch(List.of("/usr/bin/firecracker", "--api-sock", socket.toString(), "--id", "cp-0"),
                dir, dir.resolve("vmm.log"));
        new VmDirectory<>(tmp.resolve("vm"), VmRecord.class, r -> r.spec().microVmId()).write(new VmRecord(spec(eth0(), SEED),
                vmm.pid(), vmm.startedAt().toEpochMilli(), socket.toString(), null, System.currentTimeMillis(), 0));

        MicroVmStatus s = driver().create(spec(eth0(), SEED));

        assertEquals(MicroVmState.RUNNING, s.state(), s.reason());
        FakeFirecrackerServer server = processes.last();
        assertEquals(SEED.userData(), server.mmds().get("/nocloud/user-data", null, null).body());
        assertEquals("V1", server.mmds().version());
        assertTrue(body(server, "PUT /boot-source").path("boot_args").asText().contains(" ds=nocloud-net;s="));
        assertEquals(1, processes.launches().size(), "configured the VMM that was there, launched none");
    }

    @Test
    void withoutASeedMmdsStaysV2AndHoldsNoSeed() throws IOException {
        driver().create(spec(eth0(), null));

        FakeFirecrackerServer vmm = processes.last();
        assertEquals("V2", vmm.mmds().version());
        assertEquals(401, vmm.mmds().get("/latest/meta-data", null, null).status(), "V2 wants a session token");
        assertEquals(404, vmm.mmds().get("/nocloud/user-data", null, "token").status());
        assertFalse(body(vmm, "PUT /boot-source").path("boot_args").asText().contains("ds="));
        assertFalse(Files.exists(tmp.resolve("vm/cp-0/seed")));
    }

    @Test
    void aSeedNeedsAnInterfaceAndACommandLineTheKernelTakes() {
        MicroVmStatus noNic = driver().create(spec(List.of(), SEED));
        assertEquals(MicroVmState.FAILED, noNic.state());
        assertTrue(noNic.reason().startsWith("a microVM with a cloud-init seed needs a network interface"), noNic.reason());

        byte[] noise = new byte[2400];
        new SecureRandom().nextBytes(noise); // gzip cannot shrink it
        GuestSeed huge = new GuestSeed(SEED.metaData(), SEED.userData(), "# " + Base64.getEncoder().encodeToString(noise) + "\nversion: 2\n");
        MicroVmStatus tooLong = driver().create(new MicroVmSpec("cp-1", "c1", "h1", 2, 1024, 10, kernel.toString(), rootfs.toString(),
                null, eth0(), huge));
        assertEquals(MicroVmState.FAILED, tooLong.state());
        assertTrue(tooLong.reason().startsWith("the kernel command line with the seed's network-config is "), tooLong.reason());
        assertEquals(List.of(), processes.launches(), "refused before any VMM was launched");
    }

    private static JsonNode body(FakeFirecrackerServer vmm, String line) throws IOException {
        String body = vmm.requests().stream().filter(r -> r.line().equals(line)).findFirst().orElseThrow().body();
        return new ObjectMapper().readTree(body);
    }

    private static String gunzip(String base64) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
