package io.edgefleet.agent.nodeconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.driver.host.HostSetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing a node host's configuration files below a root: only what differs, atomically, mode 0644. */
class NodeConfigWriterTest {
    @TempDir
    Path root;

    private final List<NodeConfigFiles.File> rendered = NodeConfigFiles.render(ExampleHost.host(), KubeletDropIn.kubeadm(),
            new SriovDevicePluginConfig("intel.com"));

    @Test
    void writesEveryFileBelowTheRootWithItsDirectoriesAndMode0644() throws IOException {
        NodeConfigWriter writer = new NodeConfigWriter(root);

        List<String> written = writer.write(rendered);

        assertEquals(rendered.stream().map(NodeConfigFiles.File::path).toList(), written);
        for (NodeConfigFiles.File file : rendered) {
            Path onDisk = root.resolve(file.path().substring(1));
            assertEquals(file.content(), Files.readString(onDisk), file.path());
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(onDisk)), file.path());
        }
        assertEquals(List.of(), leftovers(), "no temporary file stays behind");
    }

    @Test
    void aSecondWriteOfTheSameFilesTouchesNothing() throws IOException {
        NodeConfigWriter writer = new NodeConfigWriter(root);
        writer.write(rendered);
        Path pcidp = writer.onHost(SriovDevicePluginConfig.PATH);
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(pcidp, old);

        assertEquals(List.of(), writer.differing(rendered));
        assertEquals(List.of(), writer.write(rendered));
        assertEquals(old, Files.getLastModifiedTime(pcidp), "an unchanged file is not rewritten");
    }

    @Test
    void writesOnlyTheFileThatChangedAndReplacesItByRenameNotInPlace() throws IOException {
        NodeConfigWriter writer = new NodeConfigWriter(root);
        writer.write(rendered);
        Path pinning = writer.onHost(KubeletDropIn.kubeadm().pinningFile());
        String before = Files.readString(pinning);
        // A second name for the old file: an in-place rewrite would change what it shows, a rename does not.
        Path oldInode = root.resolve("old-pinning");
        Files.createLink(oldInode, pinning);
        Files.setPosixFilePermissions(pinning, PosixFilePermissions.fromString("rw-------"));
        List<NodeConfigFiles.File> changed = List.of(
                new NodeConfigFiles.File(rendered.get(0).path(), before.replace("0-7,16-21", "0-9,16-21")),
                rendered.get(1), rendered.get(2));

        assertEquals(List.of(KubeletDropIn.kubeadm().pinningFile()), writer.differing(changed));
        List<String> written = writer.write(changed);

        assertEquals(List.of(KubeletDropIn.kubeadm().pinningFile()), written);
        assertTrue(Files.readString(pinning).contains("reservedSystemCPUs: \"0-9,16-21\""), Files.readString(pinning));
        assertEquals(before, Files.readString(oldInode), "the old file was replaced, not rewritten in place");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(pinning)));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aMissingFileDiffersAndRemoveSaysWhetherOneWasThere() throws IOException {
        NodeConfigWriter writer = new NodeConfigWriter(root);
        writer.write(rendered);
        Files.delete(writer.onHost(KubeletDropIn.PATH));

        assertEquals(List.of(KubeletDropIn.PATH), writer.differing(rendered));
        assertTrue(writer.remove(SriovDevicePluginConfig.PATH));
        assertFalse(writer.remove(SriovDevicePluginConfig.PATH));
        assertFalse(Files.exists(writer.onHost(SriovDevicePluginConfig.PATH)));
    }

    @Test
    void aFileThatCannotBeWrittenGivesAClearErrorAndLeavesNothingBehind() throws IOException {
        NodeConfigWriter writer = new NodeConfigWriter(root);
        // A file where its directory should be.
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/pcidp"), "in the way");

        HostSetupException e = assertThrows(HostSetupException.class, () -> writer.write(List.of(rendered.get(2))));

        assertTrue(e.getMessage().startsWith("cannot write " + writer.onHost(SriovDevicePluginConfig.PATH)), e.getMessage());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void refusesPathsThatWouldLeaveTheRoot() {
        NodeConfigWriter writer = new NodeConfigWriter(root);

        for (String bad : List.of("etc/pcidp/config.json", "/etc/../../x", "/", "/etc/./x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> writer.write(List.of(new NodeConfigFiles.File(bad, "x"))), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void systemdAnalyzeVerifiesTheWrittenDropInBesideAKubeletUnit() throws IOException {
        SystemdAnalyze.require();
        NodeConfigWriter writer = new NodeConfigWriter(root);
        writer.write(rendered);
        Path unitDir = writer.onHost(KubeletDropIn.PATH).getParent().getParent();
        Path unit = unitDir.resolve("kubelet.service");
        Files.writeString(unit, """
                [Unit]
                Description=kubelet stand-in

                [Service]
                Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
                ExecStart=/bin/true $KUBELET_CONFIG_ARGS
                """);

        SystemdAnalyze.Result result = SystemdAnalyze.verify(unit);

        assertEquals(0, result.exitCode(), result.output());
        assertEquals("", result.output().strip(), "systemd-analyze reported problems");
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
