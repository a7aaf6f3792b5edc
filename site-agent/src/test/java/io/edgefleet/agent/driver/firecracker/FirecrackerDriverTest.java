package io.edgefleet.agent.driver.firecracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.driver.NicSpec;
import io.edgefleet.agent.driver.host.HostResources;
import io.edgefleet.agent.driver.host.VmCgroups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Firecracker driver against fake VMMs whose API servers check every request against the spec. */
class FirecrackerDriverTest {

    static final FirecrackerSpec SPEC = FirecrackerSpec.load();

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

    MicroVmSpec spec(String id, String kernelPath) {
        return new MicroVmSpec(id, "c1", "h1", 2, 1024, 10, kernelPath, rootfs.toString(), "console=ttyS0 reboot=k",
                List.of(new NicSpec("eth0", "tap-cp0-0", "06:00:ac:10:00:02", 1500), new NicSpec("eth1", "tap-cp0-1", null, null)));
    }

    @Test
    void createsConfiguresAndBootsWithRequestsThatConformToTheSpec() {
        MicroVmStatus s = driver().create(spec("cp-0", kernel.toString()));

        assertEquals(MicroVmState.RUNNING, s.state(), s.reason());
        List<FakeFirecrackerServer.Request> requests = processes.last().requests();
        assertEquals(List.of("GET /", "PUT /machine-config", "PUT /boot-source", "PUT /drives/rootfs",
                "PUT /network-interfaces/eth0", "PUT /network-interfaces/eth1", "PUT /mmds/config", "PUT /mmds", "PUT /actions", "GET /"),
                requests.stream().map(FakeFirecrackerServer.Request::line).toList());
        requests.forEach(r -> assertEquals(List.of(), r.violations(), r.line() + " " + r.body()));
        assertEquals("{\"vcpu_count\":2,\"mem_size_mib\":1024,\"smt\":false}", requests.get(1).body());
        Path clone = tmp.resolve("vm/cp-0/root.img");
        assertEquals("{\"drive_id\":\"rootfs\",\"path_on_host\":\"" + clone + "\",\"is_root_device\":true,\"is_read_only\":false}",
                requests.get(3).body(), "the microVM's own clone of the base image, never the base image");
        assertTrue(Files.exists(clone));
        assertEquals("{\"iface_id\":\"eth1\",\"host_dev_name\":\"tap-cp0-1\"}", requests.get(5).body(), "absent optionals are left out");
        assertEquals("{\"version\":\"V2\",\"network_interfaces\":[\"eth0\"]}", requests.get(6).body());
        assertEquals("{\"latest\":{\"meta-data\":{\"instance-id\":\"cp-0\",\"local-hostname\":\"cp-0\","
                + "\"edgefleet\":{\"cluster\":\"c1\",\"host\":\"h1\"}}}}", requests.get(7).body());
        assertEquals("{\"action_type\":\"InstanceStart\"}", requests.get(8).body());
        assertEquals(List.of(List.of("/usr/bin/firecracker", "--api-sock", tmp.resolve("vm/cp-0/api.sock").toString(), "--id", "cp-0")),
                processes.launches());
    }

    @Test
    void createIsIdempotent() {
        FirecrackerDriver d = driver();
        MicroVmStatus first = d.create(spec("cp-0", kernel.toString()));
        int requestsAfterFirst = processes.last().requests().size();
        assertEquals(first, d.create(spec("cp-0", kernel.toString())));
        assertEquals(1, processes.launches().size(), "no second VMM");
        assertTrue(processes.last().requests().stream().skip(requestsAfterFirst).allMatch(r -> r.method().equals("GET")),
                "a repeated create only measures");
    }

    @Test
    void aFirecrackerFaultBecomesFailedWithItsFaultMessageAndLeavesNoProcess() {
        FirecrackerDriver d = driver();
        MicroVmStatus s = d.create(spec("cp-0", tmp.resolve("missing-vmlinux").toString()));

        assertEquals(MicroVmState.FAILED, s.state());
        assertTrue(s.reason().contains("PUT /boot-source"), s.reason());
        assertTrue(s.reason().endsWith("Invalid kernel path: No such file or directory (os error 2)"), s.reason());
        assertFalse(processes.alive(40_001), "the half-configured VMM was killed");
        assertEquals(List.of(s), d.list(), "the failure is what list() measures too");
        assertEquals(s, d.create(spec("cp-0", kernel.toString())), "FAILED is terminal until deleted");
        assertEquals(1, processes.launches().size());

        d.delete("cp-0");
        assertEquals(MicroVmState.RUNNING, d.create(spec("cp-0", kernel.toString())).state());
    }

    @Test
    void aRefusalOfALaterStepIsSurfacedToo() {
        // Firecracker cannot open the TAP device (it does not exist on the host).
        processes.rejectOnNewServers("PUT /network-interfaces/eth0",
                "Open tap device failed: Error while creating ifreq structure: Invalid argument (os error 22).");
        MicroVmStatus failed = driver().create(spec("cp-1", kernel.toString()));
        assertEquals(MicroVmState.FAILED, failed.state());
        assertTrue(failed.reason().startsWith("PUT /network-interfaces/eth0 was refused by Firecracker (HTTP 400): Open tap device failed"),
                failed.reason());
        assertFalse(processes.last().requests().stream().anyMatch(r -> r.body().contains("InstanceStart")), "never started");
    }

    @Test
    void aRestartedAgentFindsRunningMicroVmsAndNeitherKillsNorDuplicatesThem() {
        driver().create(spec("cp-0", kernel.toString()));
        driver().create(spec("cp-1", kernel.toString()));

        FirecrackerDriver restarted = driver(); // a new instance: nothing in memory, only the state dir
        List<MicroVmStatus> found = restarted.list();
        assertEquals(List.of("cp-0", "cp-1"), found.stream().map(MicroVmStatus::microVmId).toList());
        assertTrue(found.stream().allMatch(s -> s.state() == MicroVmState.RUNNING));
        assertEquals(MicroVmState.RUNNING, restarted.create(spec("cp-0", kernel.toString())).state());
        assertEquals(2, processes.launches().size(), "no duplicate VMM after the restart");
        assertTrue(processes.alive(40_001) && processes.alive(40_002), "nothing was killed");
    }

    @Test
    void aVmmThatDiedIsReportedFailedNotRunning() {
        FirecrackerDriver d = driver();
        d.create(spec("cp-0", kernel.toString()));
        processes.last().close(); // the VMM exits behind the driver's back
        MicroVmStatus s = d.status("cp-0").orElseThrow();
        assertEquals(MicroVmState.FAILED, s.state());
        assertTrue(s.reason().startsWith("firecracker process 40001 is gone"), s.reason());
    }

    @Test
    void stopShutsTheGuestDownThenDeleteRemovesEverything() {
        FirecrackerDriver d = driver();
        d.create(spec("cp-0", kernel.toString()));
        MicroVmStatus stopped = d.stop("cp-0");
        assertEquals(MicroVmState.STOPPED, stopped.state(), stopped.reason());
        assertTrue(processes.last().requests().stream().anyMatch(r -> r.body().equals("{\"action_type\":\"SendCtrlAltDel\"}")));
        assertEquals(MicroVmState.STOPPED, d.stop("cp-0").state());
        assertEquals(MicroVmState.STOPPED, d.stop("no-such-vm").state());

        d.delete("cp-0");
        d.delete("cp-0");
        assertFalse(Files.exists(tmp.resolve("vm/cp-0")));
        assertEquals(List.of(), d.list());
    }

    @Test
    void deleteKillsAVmmThatNeverStarted() {
        FirecrackerDriver d = driver();
        processes.bindSocket = false;
        FirecrackerDriver impatient = new FirecrackerDriver(FirecrackerConfig.of("h1", Path.of("/usr/bin/firecracker"), tmp.resolve("vm"))
                .withTimeouts(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(100)), processes);
        MicroVmStatus s = impatient.create(spec("cp-0", kernel.toString()));
        assertEquals(MicroVmState.FAILED, s.state());
        assertTrue(s.reason().contains("did not answer within 300 ms"), s.reason());
        assertFalse(processes.alive(40_001));
        d.delete("cp-0");
        assertEquals(List.of(), d.list());
    }

    @Test
    void aHungApiIsUnknownNotFailed() {
        FirecrackerDriver d = new FirecrackerDriver(FirecrackerConfig.of("h1", Path.of("/usr/bin/firecracker"), tmp.resolve("vm"))
                .withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(1)), processes);
        d.create(spec("cp-0", kernel.toString()));
        processes.last().hang();
        MicroVmStatus s = d.status("cp-0").orElseThrow();
        assertEquals(MicroVmState.UNKNOWN, s.state(), "a slow VMM must not look failed: the reconciler would delete it");
        assertTrue(s.reason().contains("did not answer"), s.reason());
    }

    @Test
    void specsForAnotherHostOrWithoutKernelAreRefusedWithoutLaunching() {
        FirecrackerDriver d = driver();
        MicroVmSpec elsewhere = new MicroVmSpec("cp-9", "c1", "h2", 1, 256, 1, kernel.toString(), rootfs.toString(), null, List.of());
        assertEquals("this driver runs microVMs on host h1, not on h2", d.create(elsewhere).reason());
        MicroVmSpec noKernel = new MicroVmSpec("cp-8", "c1", "h1", 1, 256, 1, null, rootfs.toString(), null, List.of());
        assertTrue(d.create(noKernel).reason().startsWith("no kernel image"));
        assertEquals(List.of(), processes.launches());
    }

    @Test
    void withTheJailerTheFilesGoIntoTheJailAndTheApiSeesJailPaths() throws IOException {
        Path base = tmp.resolve("jail");
        FirecrackerDriver d = new FirecrackerDriver(FirecrackerConfig.of("h1", Path.of("/usr/bin/firecracker"), tmp.resolve("vm"))
                .withJailer(new FirecrackerConfig.Jailer(Path.of("/usr/bin/jailer"), base, 10000, 10000)), processes);
        MicroVmStatus s = d.create(spec("cp-0", kernel.toString()));

        assertEquals(MicroVmState.RUNNING, s.state(), s.reason());
        assertEquals(List.of("/usr/bin/jailer", "--id", "cp-0", "--exec-file", "/usr/bin/firecracker", "--uid", "10000",
                "--gid", "10000", "--chroot-base-dir", base.toString(), "--", "--api-sock", "/run/firecracker.socket"),
                processes.launches().get(0));
        Path jailRoot = base.resolve("firecracker/cp-0/root");
        assertEquals("kernel", Files.readString(jailRoot.resolve("vmlinux")));
        assertEquals(10000, Files.getAttribute(jailRoot.resolve("rootfs.ext4"), "unix:uid"));
        List<FakeFirecrackerServer.Request> requests = processes.last().requests();
        assertTrue(requests.get(2).body().startsWith("{\"kernel_image_path\":\"/vmlinux\""), requests.get(2).body());
        assertTrue(requests.get(3).body().contains("\"path_on_host\":\"/rootfs.ext4\""), requests.get(3).body());
        requests.forEach(r -> assertEquals(List.of(), r.violations()));

        d.delete("cp-0");
        assertFalse(Files.exists(base.resolve("firecracker/cp-0")), "the jail is removed with the microVM");
    }

    @Test
    void onACgroupV2HostTheJailerPutsTheVmmInTheMicroVmParentWithItsMemoryLimit() {
        Path base = tmp.resolve("jail");
        HostResources host = HostResources.onThisHost(tmp.resolve("images"), null, VmCgroups.detect(tmp, "edgefleet-vms", "v2"));
        FirecrackerDriver d = new FirecrackerDriver(FirecrackerConfig.of("h1", Path.of("/usr/bin/firecracker"), tmp.resolve("vm"))
                .withJailer(new FirecrackerConfig.Jailer(Path.of("/usr/bin/jailer"), base, 10000, 10000)), processes, host);
        MicroVmStatus s = d.create(spec("cp-0", kernel.toString()));

        assertEquals(MicroVmState.RUNNING, s.state(), s.reason());
        List<String> argv = processes.launches().get(0);
        assertEquals(List.of("--cgroup-version", "2", "--parent-cgroup", "edgefleet-vms", "--cgroup",
                "memory.max=" + ((1024L + 64) << 20), "--"), argv.subList(argv.indexOf("--cgroup-version"), argv.indexOf("--") + 1));
        assertTrue(Files.exists(tmp.resolve("vm/cp-0/root.img")), "the microVM's own disk, linked into its jail");
    }
}
