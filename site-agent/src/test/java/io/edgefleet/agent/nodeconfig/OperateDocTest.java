package io.edgefleet.agent.nodeconfig;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/operate.md shows exactly the files the agent renders for its example node host. */
class OperateDocTest {

    @Test
    void theOperatorsGuideShowsTheRenderedFilesOfTheExampleHost() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "operate.md"));
        StringBuilder missing = new StringBuilder();
        for (NodeConfigFiles.File file : NodeConfigFiles.render(ExampleHost.host(), KubeletDropIn.kubeadm(),
                new SriovDevicePluginConfig("intel.com"))) {
            String shown = "`" + file.path() + "`:\n\n```" + fence(file.path()) + "\n" + file.content() + "```\n";
            if (!doc.contains(shown)) {
                missing.append(shown).append('\n');
            }
        }
        assertTrue(missing.isEmpty(), "docs/operate.md must show, verbatim:\n" + missing);
    }

    private static String fence(String path) {
        return path.endsWith(".json") ? "json" : path.endsWith("pinning.conf") ? "yaml" : "ini";
    }
}
