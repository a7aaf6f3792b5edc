package io.edgefleet.agent.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.edgefleet.agent.bootstrap.BootstrapDefaults;
import io.edgefleet.agent.bootstrap.KubeadmNodeBootstraps;
import io.edgefleet.agent.bootstrap.NodeBootstrap;
import io.edgefleet.agent.bootstrap.NodeBootstrapRole;
import io.edgefleet.agent.bootstrap.NodeSeeds;
import io.edgefleet.agent.bootstrap.SeedOptions;
import io.edgefleet.agent.driver.GuestSeed;
import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.MicroVmState;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.driver.NicSpec;
import io.edgefleet.agent.driver.host.TapNames;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SiteNetwork;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.pki.ClusterPki;
import io.edgefleet.pki.ClusterSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Boots ONE real Debian guest carrying cloud-init (deploy/guest/build-cloudinit-guest) with the QEMU driver, as
 * the control-plane microVM that runs {@code kubeadm init}, its seed rendered by {@link NodeSeeds} and delivered
 * on a NoCloud seed disk. The guest's own cloud-init consumes the seed, lays down what kubeadm reads and runs the
 * bootstrap command (a recording stand-in for kubeadm, which cannot be installed here), then powers off. Once
 * QEMU has exited, the test reads the guest's own root disk with debugfs: the kubeadm configuration, every PKI
 * file with its content and mode, the kube-vip manifest, the recorded kubeadm call, the network configuration
 * cloud-init rendered, and cloud-init's own verdict (NoCloud datasource, no errors). Only then is the microVM
 * deleted. Emulated (TCG) this boot takes about a minute: one boot for the whole suite.
 */
class CloudInitGuestIT {
    static final String HOST = "h1";
    static final String ID = "cp-0";
    static final String IP = GuestLab.SUBNET_PREFIX + "21";
    static final String VIP = GuestLab.SUBNET_PREFIX + "100";
    static final String MAC = "02:ef:0a:4d:00:15";
    static final Duration POWER_OFF_WITHIN = Duration.ofSeconds(170);
    static final ObjectMapper YAML = new YAMLMapper();

    static GuestLab lab;
    static QemuConfig config;

    @BeforeAll
    static void makeLab() throws IOException {
        lab = new GuestLab(Path.of("target/cloudinit-it").toAbsolutePath(), "build-cloudinit-guest");
        config = lab.config(HOST, Duration.ofSeconds(5));
    }

    @AfterAll
    static void removeLab() {
        if (lab != null) {
            lab.closeWith(config);
        }
    }

    static QemuDriver driver() {
        return GuestLab.driver(config);
    }

    @Test
    void theGuestsCloudInitLaysDownWhatKubeadmReadsAndRunsKubeadmInit() throws Exception {
        // The agent's own path from plan and cluster secrets to the seed: a real cluster PKI, the plan's init replica.
        ClusterSecrets secrets = ClusterPki.create("c1", Instant.now());
        PlannedMicroVm vm = new PlannedMicroVm(ID, "c1", MicroVmRole.CONTROL_PLANE, HOST, 1, 512, 1, "v1.31.2", IP, MAC);
        SitePlan plan = new SitePlan("site-t", 1, Instant.now(), List.of(vm), List.of(new PlannedCluster("c1", "team-a",
                "v1.31.2", List.of(ID), List.of(), List.of(), VIP, ID)), List.of(), HOST,
                new SiteNetwork(GuestLab.SUBNET_PREFIX + "0/24", GuestLab.GATEWAY, GuestLab.SUBNET_PREFIX + "10",
                        GuestLab.SUBNET_PREFIX + "200", lab.bridge, null, null));
        NodeBootstrap node = new KubeadmNodeBootstraps(id -> Optional.of(secrets), Clock.systemUTC())
                .node(plan, plan.clusters().get(0), vm, secrets);
        assertEquals(NodeBootstrapRole.INIT, node.role());
        Map<String, String> pki = node.pkiFiles();
        GuestSeed seed = NodeSeeds.render(node, SeedOptions.PRODUCTION.withPowerOffWhenDone());
        NicSpec nic = new NicSpec("eth0", TapNames.of(ID, "eth0"), MAC, null, lab.bridge, null);
        MicroVmSpec spec = new MicroVmSpec(ID, "c1", HOST, 1, 512, 1, null, null, "console=ttyS0 panic=-1", List.of(nic), seed);
        QemuDriver driver = driver();
        driver.keepMicroVmsOff(HOST, 0, Set.of()); // as the agent does before any create; every core: one emulated guest

        long start = System.nanoTime();
        MicroVmStatus created = driver.create(spec);
        assertEquals(MicroVmState.RUNNING, created.state(), created.reason());
        Path dir = config.stateDir().resolve(ID);
        Path console = dir.resolve("console.log");
        awaitPowerOff(Long.parseLong(Files.readString(dir.resolve("qemu.pid")).strip()), console);
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("CloudInitGuestIT: guest powered off %.1f s after create; %s%n", wallSeconds, bootTimings(console));

        assertNotEquals(MicroVmState.RUNNING, driver.status(ID).orElseThrow().state());
        Path disk = dir.resolve("root.img");
        assertTrue(Files.exists(disk), "the driver keeps the disk of a guest that is not running until it is deleted");

        assertCloudInitUsedTheSeedWithoutErrors(disk, seed);
        assertKubeadmInputsInPlace(disk, YAML.readTree(seed.userData()));
        assertPkiFilesInPlace(disk, pki);
        assertOpensslAcceptsTheApiServerCertificateOnTheGuest(disk);
        String calls = read(disk, "/var/lib/edgefleet/kubeadm-calls");
        assertTrue(calls.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ init --config "
                + Pattern.quote(BootstrapDefaults.KUBEADM_CONFIG_PATH) + " --upload-certs\n"), "kubeadm was run once, as init: " + calls);

        driver.delete(ID);
        assertFalse(Files.exists(dir), "delete removes the disk, the seed disk and the seed's documents");
    }

    /** cloud-init's own record: NoCloud from the seed disk, this seed's instance, no module failed, the network as seeded. */
    private static void assertCloudInitUsedTheSeedWithoutErrors(Path disk, GuestSeed seed) throws IOException {
        JsonNode result = new ObjectMapper().readTree(read(disk, "/var/lib/cloud/data/result.json")).path("v1");
        assertTrue(result.path("datasource").asText().startsWith("DataSourceNoCloud [seed=/dev/vd"), result.toString());
        assertEquals(0, result.path("errors").size(), "cloud-init reported errors: " + result.path("errors"));
        assertEquals(YAML.readTree(seed.metaData()).path("instance-id").asText(), read(disk, "/var/lib/cloud/data/instance-id").strip());
        assertEquals(ID, read(disk, "/etc/hostname").strip());
        String interfaces = read(disk, "/etc/network/interfaces.d/50-cloud-init");
        assertTrue(interfaces.contains("iface eth0 inet static") && interfaces.contains("address " + IP + "/24"), interfaces);
    }

    /**
     * Every file of the user-data's write_files, byte for byte and with its mode; the kube-vip manifest is the
     * after-init one, which the bootstrap command installs once kubeadm init succeeded.
     */
    private static void assertKubeadmInputsInPlace(Path disk, JsonNode userData) throws IOException {
        Map<String, JsonNode> written = new LinkedHashMap<>();
        userData.path("write_files").forEach(f -> written.put(f.path("path").asText(), f));
        List<String> kinds = YAML.readerFor(JsonNode.class)
                .<JsonNode>readValues(written.get(BootstrapDefaults.KUBEADM_CONFIG_PATH).path("content").asText())
                .readAll().stream().map(d -> d.path("kind").asText()).toList();
        assertEquals(List.of("InitConfiguration", "ClusterConfiguration"), kinds, "what kubeadm init --config reads");
        for (JsonNode file : written.values()) {
            String path = file.path("path").asText();
            String expected = path.equals(BootstrapDefaults.KUBE_VIP_MANIFEST_PATH)
                    ? written.get(BootstrapDefaults.KUBE_VIP_AFTER_INIT_PATH).path("content").asText()
                    : file.path("content").asText();
            assertEquals(expected, read(disk, path), path);
            assertEquals(file.path("permissions").asText(), lab.modeInImage(disk, path), "mode of " + path);
        }
    }

    /** The PKI exactly as given to the bootstrap: keys readable by root only, certificates and public keys by all. */
    private static void assertPkiFilesInPlace(Path disk, Map<String, String> pki) throws IOException {
        for (Map.Entry<String, String> file : pki.entrySet()) {
            String path = BootstrapDefaults.PKI_DIR + "/" + file.getKey();
            assertEquals(file.getValue(), read(disk, path), path);
            assertEquals(path.endsWith(".key") ? "0600" : "0644", lab.modeInImage(disk, path), "mode of " + path);
        }
    }

    /**
     * The certificates as the guest holds them, checked by the real openssl: the API server's chains to the cluster
     * CA and is valid for the VIP and the node's own address, as kube-vip and kubeadm's joins will reach it.
     */
    private static void assertOpensslAcceptsTheApiServerCertificateOnTheGuest(Path disk) throws Exception {
        Path out = Files.createDirectories(disk.getParent().resolveSibling("openssl-check"));
        Files.writeString(out.resolve("ca.crt"), read(disk, BootstrapDefaults.PKI_DIR + "/ca.crt"));
        Files.writeString(out.resolve("apiserver.crt"), read(disk, BootstrapDefaults.PKI_DIR + "/apiserver.crt"));
        for (String ip : List.of(VIP, IP)) {
            Process verify = new ProcessBuilder("openssl", "verify", "-CAfile", out.resolve("ca.crt").toString(),
                    "-purpose", "sslserver", "-verify_ip", ip, out.resolve("apiserver.crt").toString())
                    .redirectErrorStream(true).start();
            String said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, verify.waitFor(), "openssl verify for " + ip + ": " + said);
        }
    }

    private static String read(Path disk, String path) throws IOException {
        String content = lab.dumpFromImage(disk, path);
        assertNotNull(content, path + " is not on the guest's disk");
        return content;
    }

    /** Waits until QEMU exits (the guest powered off; -no-reboot ends QEMU then), failing with the console's tail. */
    private static void awaitPowerOff(long pid, Path console) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + POWER_OFF_WITHIN.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                List<String> lines = Files.readAllLines(console, StandardCharsets.ISO_8859_1);
                fail("the guest did not power off within " + POWER_OFF_WITHIN.toSeconds() + " s; console tail:\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            }
            Thread.sleep(500);
        }
    }

    /** When each cloud-init stage started and when it finished, in guest uptime, as cloud-init printed them. */
    private static String bootTimings(Path console) throws IOException {
        StringBuilder out = new StringBuilder("guest uptime at cloud-init");
        Matcher m = Pattern.compile("running '([a-z:-]+)' at .*?Up ([0-9.]+) seconds|finished at .*?Up ([0-9.]+) seconds")
                .matcher(Files.readString(console, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            out.append(m.group(1) != null ? " " + m.group(1) + "=" + m.group(2) + "s" : " finished=" + m.group(3) + "s");
        }
        return out.toString();
    }
}
