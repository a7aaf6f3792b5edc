package io.edgefleet.agent.driver.firecracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.host.HostCommand;
import io.edgefleet.agent.driver.host.ProcessHostCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real cloud-init (Debian's, the one the guest image carries) reads what the Firecracker driver set up, as the
 * guest would: its NoCloud datasource parses the kernel command line the driver sent, fetches the seed from the
 * metadata service the driver filled (the fake's MMDS, served over HTTP on the loopback instead of 169.254.169.254:
 * the only liberty taken), and its network code decodes the network-config from the command line. Against a V2
 * metadata service the same fetch fails: the reason seeded guests get V1 (docs/adr/0023).
 */
class MmdsSeedCloudInitTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final String READ_AS_THE_GUEST = """
            import json, sys
            from cloudinit import helpers, util
            from cloudinit.net import cmdline as netcmd
            from cloudinit.sources import DataSourceNoCloud as nocloud
            cmdline, port = sys.argv[1], sys.argv[2]
            fill = {}
            claimed = nocloud.load_cmdline_data(fill, cmdline)
            seed = fill.get("seedfrom", "")
            starts = lambda cls: cls({}, None, helpers.Paths({})).supported_seed_starts
            out = {"claimed": claimed, "dsmode": fill.get("dsmode"), "seedfrom": seed,
                   "net_takes_it": seed.startswith(starts(nocloud.DataSourceNoCloudNet)),
                   "local_takes_it": seed.startswith(starts(nocloud.DataSourceNoCloud)),
                   "network_config": netcmd.read_kernel_cmdline_config(cmdline)}
            try:
                md, ud, vd = util.read_seeded(seed.replace("169.254.169.254", "127.0.0.1:" + port), timeout=5, retries=0)
                out.update({"meta_data": md, "user_data": ud.decode(), "vendor_data": vd.decode()})
            except Exception as e:
                out["fetch_error"] = str(e)
            print(json.dumps(out))
            """;

    @TempDir
    Path tmp;
    FakeVmmProcesses processes;
    HttpServer metadataService;
    final HostCommand tools = new ProcessHostCommand(Duration.ofSeconds(60));

    @BeforeEach
    void setUp() {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/cloud-init")) && Files.isExecutable(PYTHON),
                "Debian's cloud-init is not installed: apt-get install cloud-init (.ci/run does)");
        processes = new FakeVmmProcesses(FirecrackerSeedTest.SPEC);
    }

    @AfterEach
    void tearDown() {
        if (metadataService != null) {
            metadataService.stop(0);
        }
        processes.closeAll();
    }

    @Test
    void cloudInitFindsTheSeedWhereTheDriverPutIt() throws IOException {
        FakeFirecrackerServer vmm = createSeededMicroVm();
        JsonNode guest = readAsTheGuest(vmm);

        assertTrue(guest.path("claimed").asBoolean(), guest.toString());
        assertEquals("net", guest.path("dsmode").asText(), "the network stage's datasource, NoCloudNet");
        assertEquals(NoCloudOverMmds.SEED_URL, guest.path("seedfrom").asText());
        assertTrue(guest.path("net_takes_it").asBoolean() && !guest.path("local_takes_it").asBoolean(),
                "only ds=nocloud-net fetches http:// seeds: " + guest);
        YAMLMapper yaml = new YAMLMapper();
        assertEquals(yaml.readTree(FirecrackerSeedTest.SEED.metaData()), guest.path("meta_data"));
        assertEquals(FirecrackerSeedTest.SEED.userData(), guest.path("user_data").asText());
        assertEquals("", guest.path("vendor_data").asText());
        assertEquals(yaml.readTree(FirecrackerSeedTest.SEED.networkConfig()), guest.path("network_config"));
    }

    @Test
    void againstMmdsV2TheSameFetchIsRefused() throws IOException {
        FakeFirecrackerServer vmm = createSeededMicroVm();
        vmm.mmds().configure("V2");
        JsonNode guest = readAsTheGuest(vmm);

        assertTrue(guest.path("fetch_error").asText().contains("401"), guest.toString());
    }

    private FakeFirecrackerServer createSeededMicroVm() throws IOException {
        Path kernel = Files.writeString(tmp.resolve("vmlinux"), "kernel");
        Path rootfs = Files.writeString(tmp.resolve("rootfs.ext4"), "rootfs");
        FirecrackerDriver driver = new FirecrackerDriver(FirecrackerConfig.of("h1", Path.of("/usr/bin/firecracker"), tmp.resolve("vm"))
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(5)), processes);
        MicroVmSpec spec = new MicroVmSpec("cp-0", "c1", "h1", 2, 1024, 10, kernel.toString(), rootfs.toString(),
                "console=ttyS0 reboot=k panic=1 pci=off", FirecrackerSeedTest.eth0(), FirecrackerSeedTest.SEED);
        assertEquals(MicroVmState.RUNNING, driver.create(spec).state());
        return processes.last();
    }

    /** Serves the fake's MMDS over HTTP as Firecracker serves it to the guest, and runs cloud-init's own code against it. */
    private JsonNode readAsTheGuest(FakeFirecrackerServer vmm) throws IOException {
        metadataService = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        metadataService.createContext("/", exchange -> {
            FakeMmds.Answer answer = vmm.mmds().get(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Accept"), exchange.getRequestHeaders().getFirst("X-metadata-token"));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        metadataService.start();
        String bootArgs = new ObjectMapper().readTree(vmm.requests().stream().filter(r -> r.line().equals("PUT /boot-source"))
                .findFirst().orElseThrow().body()).path("boot_args").asText();
        String out = tools.require("read the seed with cloud-init", List.of(PYTHON.toString(), "-c", READ_AS_THE_GUEST, bootArgs,
                Integer.toString(metadataService.getAddress().getPort())));
        // cloud-init may log warnings before the one JSON line.
        List<String> lines = out.strip().lines().toList();
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }
}
