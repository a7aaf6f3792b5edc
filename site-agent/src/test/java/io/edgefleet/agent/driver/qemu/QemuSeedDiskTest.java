package io.edgefleet.agent.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.driver.GuestSeed;
import io.edgefleet.agent.driver.MicroVmSpec;
import io.edgefleet.agent.driver.host.HostCommand;
import io.edgefleet.agent.driver.host.ProcessHostCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NoCloud seed disk of a QEMU microVM: made by the real genisoimage and read back by the tools cloud-init's
 * own detection relies on (blkid finds an iso9660 file system labelled cidata), and how it joins the QEMU
 * command line, next to the unchanged command line of a guest without a seed (the busybox guest).
 */
class QemuSeedDiskTest {
    static final GuestSeed SEED = new GuestSeed("instance-id: cp-0\nlocal-hostname: cp-0\n",
            "#cloud-config\nruncmd:\n- [kubeadm, init]\n", "version: 2\nethernets:\n  eth0:\n    dhcp4: false\n");
    final HostCommand tools = new ProcessHostCommand(Duration.ofSeconds(30));

    @TempDir
    Path tmp;

    @Test
    void genisoimageMakesAPrivateCidataVolumeHoldingTheThreeDocuments() throws Exception {
        Path image = tmp.resolve("seed.iso");
        new SeedDisk(tools).make(tmp, image, SEED);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(image)));
        String probe = tools.require("probe", List.of("blkid", "-p", "-o", "export", image.toString()));
        assertTrue(probe.contains("TYPE=iso9660") && probe.contains("LABEL=cidata"), probe);
        assertEquals(SEED.metaData(), extract(image, "/meta-data"));
        assertEquals(SEED.userData(), extract(image, "/user-data"));
        assertEquals(SEED.networkConfig(), extract(image, "/network-config"));
        String listing = tools.require("list", List.of("isoinfo", "-R", "-l", "-i", image.toString()));
        assertTrue(listing.lines().filter(l -> l.contains("user-data")).allMatch(l -> l.startsWith("-rw-------")), listing);
    }

    @Test
    void withoutANetworkConfigTheImageHasNone() {
        List<List<String>> calls = new java.util.ArrayList<>();
        HostCommand recording = (argv, input) -> {
            calls.add(argv);
            return new HostCommand.Result(0, "");
        };
        new SeedDisk(recording).make(tmp, tmp.resolve("seed.iso"), new GuestSeed("instance-id: a\n", "#cloud-config\n", null));
        assertEquals(List.of(List.of("genisoimage", "-quiet", "-output", tmp.resolve("seed.iso").toString(), "-volid", "cidata",
                "-joliet", "-rock", tmp.resolve("seed/meta-data").toString(), tmp.resolve("seed/user-data").toString())), calls);
    }

    @Test
    void aSeededGuestGetsTheSeedAsASecondReadOnlyDiskAndBootsItsRootByLabel() {
        QemuConfig config = config();
        QemuCommand.QemuFiles files = new QemuCommand.QemuFiles(tmp.resolve("cp-0"));
        MicroVmSpec plain = new MicroVmSpec("cp-0", "c1", "h1", 1, 512, 1, null, null, "console=ttyS0 panic=-1", List.of());

        List<String> busybox = QemuCommand.argv(config, plain, files, "/boot/vmlinuz", "2445000");
        assertFalse(String.join(" ", busybox).contains("seed"), "a guest without a seed keeps its command line");
        assertEquals("console=ttyS0 panic=-1 tsc_early_khz=2445000", busybox.get(busybox.indexOf("-append") + 1));

        List<String> seeded = QemuCommand.argv(config, plain.withSeed(SEED), files, "/boot/vmlinuz", "2445000");
        List<String> disks = seeded.subList(seeded.indexOf("-drive"), seeded.indexOf("-drive") + 8);
        assertEquals(List.of("-drive", "id=root,file=" + files.rootDisk() + ",format=raw,if=none,cache=none,aio=threads",
                "-device", "virtio-blk-device,drive=root",
                "-drive", "id=seed,file=" + files.seedImage() + ",format=raw,if=none,readonly=on",
                "-device", "virtio-blk-device,drive=seed"), disks);
        assertEquals("console=ttyS0 panic=-1 root=LABEL=root rw net.ifnames=0 tsc_early_khz=2445000",
                seeded.get(seeded.indexOf("-append") + 1));

        MicroVmSpec ownRoot = new MicroVmSpec("cp-0", "c1", "h1", 1, 512, 1, null, null, "console=ttyS0 root=/dev/vda ro net.ifnames=1",
                List.of(), SEED);
        assertEquals("console=ttyS0 root=/dev/vda ro net.ifnames=1", QemuCommand.kernelArgs(config, ownRoot, null),
                "the spec's own choices stand");
    }

    private QemuConfig config() {
        return QemuConfig.fromProperties(Map.of(QemuConfig.PREFIX + "host-id", "h1", QemuConfig.PREFIX + "state-dir", tmp.toString(),
                QemuConfig.PREFIX + "accel", "tcg"));
    }

    private String extract(Path image, String file) {
        return tools.require("extract " + file, List.of("isoinfo", "-R", "-x", file, "-i", image.toString()));
    }
}
