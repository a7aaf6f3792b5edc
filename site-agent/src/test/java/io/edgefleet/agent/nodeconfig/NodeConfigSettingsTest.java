package io.edgefleet.agent.nodeconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.AgentConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The node configuration's settings as an operator writes them in agent.conf, read by the agent's own mapping. */
class NodeConfigSettingsTest {
    static AgentConfig.NodeConfig read(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(AgentConfig.NodeConfig.class, "edgefleet.agent.node-config")
                .withSources(new PropertiesConfigSource(properties, "agent.conf", 100))
                .build();
        return config.getConfigMapping(AgentConfig.NodeConfig.class, "edgefleet.agent.node-config");
    }

    @Test
    void offByDefaultWithTheDocumentedCommandsKeptVerbatim() {
        AgentConfig.NodeConfig settings = read(Map.of());

        assertFalse(settings.enabled());
        assertEquals("/", settings.root());
        assertEquals(NodeServiceCommands.defaults(), new NodeServiceCommands(settings.daemonReloadCommand(),
                settings.kubeletStopCommand(), settings.kubeletStartCommand(), settings.devicePluginRestartCommand()),
                "the shell's $(...) and $ids are not taken for configuration expressions");
        assertTrue(settings.devicePluginRestartCommand().contains("$(crictl ps --quiet --name kube-sriovdp)"));
    }

    @Test
    void agentConfShowsTheDefaultsAsTheAgentReadsThem() throws IOException {
        Properties shown = new Properties();
        String lines = Files.readAllLines(Path.of("..", "deploy", "agent", "agent.conf")).stream()
                .filter(l -> l.startsWith("#edgefleet.agent.node-config.")).map(l -> l.substring(1))
                .collect(Collectors.joining("\n"));
        shown.load(new StringReader(lines));
        Map<String, String> properties = new HashMap<>();
        shown.stringPropertyNames().forEach(k -> properties.put(k, shown.getProperty(k)));
        assertEquals(6, properties.size(), properties.keySet().toString());

        AgentConfig.NodeConfig settings = read(properties);

        assertEquals(NodeServiceCommands.defaults(), new NodeServiceCommands(settings.daemonReloadCommand(),
                settings.kubeletStopCommand(), settings.kubeletStartCommand(), settings.devicePluginRestartCommand()));
        assertEquals("/", settings.root());
    }

    @Test
    void anOperatorTurnsItOnAndReplacesACommand() {
        AgentConfig.NodeConfig settings = read(Map.of("edgefleet.agent.node-config.enabled", "true",
                "edgefleet.agent.node-config.device-plugin-restart-command", "systemctl restart sriov-device-plugin"));

        assertTrue(settings.enabled());
        assertEquals("systemctl restart sriov-device-plugin", settings.devicePluginRestartCommand());
    }

    @Test
    void aBlankCommandIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NodeServiceCommands(" ", "a", "b", "c"));

        assertEquals("edgefleet.agent.node-config.daemon-reload-command must not be empty", e.getMessage());
    }
}
