package io.edgefleet.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The agent's own settings (deploy/agent/agent.conf documents each key for operators). */
@ConfigMapping(prefix = "edgefleet.agent")
public interface AgentConfig {
    /** The site this agent runs; it reads only this site's plans and speaks only for it. */
    String siteId();

    /** The site inventory file (hosts, NUMA nodes, capacity). */
    String inventoryFile();

    /** How often the heartbeat with the host inventory is sent. */
    @WithDefault("5s")
    Duration heartbeatInterval();

    /** How often the agent re-measures and repairs drift even without a new plan. */
    @WithDefault("10s")
    Duration reconcileInterval();

    /** {@code simulated} or {@code firecracker}. */
    @WithDefault("simulated")
    String driver();

    /** Guest kernel for new microVMs. */
    @WithDefault("/var/lib/edgefleet/images/vmlinux")
    String kernelImage();

    /** Root filesystem image for new microVMs; {@code {version}} is replaced by the Kubernetes version. */
    @WithDefault("/var/lib/edgefleet/images/node-{version}.ext4")
    String rootfsImage();

    /** Version reported in heartbeats. */
    @WithDefault("0.1.0")
    String version();

    /** Optional: state file of the simulated driver (keeps simulated microVMs across restarts). */
    Optional<String> simulatedStateFile();
}
