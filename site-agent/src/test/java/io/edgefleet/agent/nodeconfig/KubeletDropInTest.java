package io.edgefleet.agent.nodeconfig;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubelet's systemd drop-in, checked by the real systemd-analyze against a stand-in kubelet.service. */
class KubeletDropInTest {
    /**
     * kubelet.service as kubeadm's packaging makes it, reduced: the service reads its configuration flags from
     * {@code $KUBELET_CONFIG_ARGS}. {@code /bin/true} stands in for the kubelet binary, which verify requires
     * to exist.
     */
    private static final String KUBELET_SERVICE = """
            [Unit]
            Description=kubelet: The Kubernetes Node Agent (test stand-in)

            [Service]
            Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
            ExecStart=/bin/true $KUBELET_CONFIG_ARGS
            Restart=always

            [Install]
            WantedBy=multi-user.target
            """;

    @TempDir
    Path dir;

    @Test
    void systemdAnalyzeVerifiesTheDropInCleanly() throws IOException {
        SystemdAnalyze.require();
        Path unit = install(KubeletDropIn.kubeadm().text());

        SystemdAnalyze.Result result = SystemdAnalyze.verify(unit);

        assertEquals(0, result.exitCode(), result.output());
        assertEquals("", result.output().strip(), "systemd-analyze reported problems");
    }

    @Test
    void systemdAnalyzeReadsTheDropInSoABrokenOneIsCaught() throws IOException {
        SystemdAnalyze.require();
        String broken = KubeletDropIn.kubeadm().text().replace("[Service]", "[Service").replace("Environment=", "Environmnet=");
        Path unit = install(broken);

        SystemdAnalyze.Result result = SystemdAnalyze.verify(unit);

        assertTrue(result.output().contains("20-edgefleet.conf"), result.output());
    }

    @Test
    void pointsTheKubeletAtKubeadmsConfigAndThePinningDirectory() {
        KubeletDropIn dropIn = KubeletDropIn.kubeadm();

        assertTrue(dropIn.text().contains("[Service]\nEnvironment=\"KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
                + " --config-dir=/etc/kubernetes/kubelet.conf.d\"\n"), dropIn.text());
        assertEquals("/etc/kubernetes/kubelet.conf.d/50-edgefleet-pinning.conf", dropIn.pinningFile());
        assertTrue(dropIn.pinningFile().endsWith(".conf"), "the kubelet reads only *.conf from its drop-in directory");
        assertEquals("/etc/systemd/system/kubelet.service.d/20-edgefleet.conf", KubeletDropIn.PATH);
    }

    @Test
    void refusesPathsThatWouldBreakTheQuotedAssignment() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KubeletDropIn("/var/lib/kubelet/config.yaml", "/etc/kube dir\""));
        assertTrue(e.getMessage().startsWith("configDir:"), e.getMessage());
        assertDoesNotThrow(() -> new KubeletDropIn("/etc/kubelet/base.yaml", "/etc/kubelet/conf.d"));
    }

    private Path install(String dropIn) throws IOException {
        Path unit = dir.resolve("kubelet.service");
        Files.writeString(unit, KUBELET_SERVICE);
        Path dropIns = Files.createDirectories(dir.resolve("kubelet.service.d"));
        Files.writeString(dropIns.resolve("20-edgefleet.conf"), dropIn);
        return unit;
    }
}
