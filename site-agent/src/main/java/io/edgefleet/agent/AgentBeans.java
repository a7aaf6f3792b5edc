package io.edgefleet.agent;

import io.edgefleet.agent.cluster.ClusterAccess;
import io.edgefleet.agent.cluster.ClusterEtcd;
import io.edgefleet.agent.cluster.EtcdOverTls;
import io.edgefleet.agent.cluster.Fabric8ClusterAccess;
import io.edgefleet.agent.cluster.KubeconfigClients;
import io.edgefleet.agent.cluster.SecretsKubeClients;
import io.edgefleet.agent.cluster.SimulatedEtcd;
import io.edgefleet.agent.cluster.SimulatedClusterAccess;
import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.etcd.EtcdSnapshots;
import io.edgefleet.agent.driver.firecracker.FirecrackerConfig;
import io.edgefleet.agent.driver.firecracker.FirecrackerDrivers;
import io.edgefleet.agent.driver.simulated.SimulatedDriver;
import io.edgefleet.agent.driver.simulated.SimulatedDriverConfig;
import io.edgefleet.agent.inventory.AgentInventory;
import io.edgefleet.agent.inventory.SiteInventory;
import io.edgefleet.agent.secrets.SecretsFeed;
import io.edgefleet.agent.driver.qemu.QemuConfig;
import io.edgefleet.agent.driver.qemu.QemuDrivers;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/** Wires the inventory, the microVM driver and the cluster access the configuration names. */
public class AgentBeans {

    @Produces
    @Singleton
    SiteInventory inventory(AgentConfig config) {
        return AgentInventory.load(config);
    }

    @Produces
    @Singleton
    MicroVmDriver driver(AgentConfig config, SiteInventory inventory, Config all) {
        return switch (config.driver()) {
            case "simulated" -> {
                Map<String, String> props = withPrefix(all, SimulatedDriverConfig.PREFIX);
                config.simulatedStateFile().ifPresent(f -> props.put(SimulatedDriverConfig.STATE_FILE, f));
                yield new SimulatedDriver(inventory, SimulatedDriverConfig.fromProperties(props));
            }
            case "firecracker" -> FirecrackerDrivers.forAgent(
                    withHostId(withPrefix(all, FirecrackerConfig.PREFIX), FirecrackerConfig.PREFIX, config));
            case "qemu" -> QemuDrivers.forAgent(withHostId(withPrefix(all, QemuConfig.PREFIX), QemuConfig.PREFIX, config),
                    config.hostId().isPresent(), inventory);
            default -> throw new IllegalStateException("edgefleet.agent.driver=" + config.driver()
                    + " is unknown; use simulated, firecracker or qemu");
        };
    }

    @Produces
    @Singleton
    ClusterAccess clusterAccess(AgentConfig config, MicroVmDriver driver, SecretsFeed secrets) {
        return switch (config.cluster().access()) {
            case "simulated" -> new SimulatedClusterAccess(driver);
            case "kubernetes" -> new Fabric8ClusterAccess(new SecretsKubeClients(
                    secrets::secretsOf,
                    new KubeconfigClients(Path.of(config.cluster().kubeconfigDir())), Clock.systemUTC()));
            default -> throw new IllegalStateException("edgefleet.agent.cluster.access=" + config.cluster().access()
                    + " is unknown; use kubernetes or simulated");
        };
    }

    @Produces
    @Singleton
    ClusterEtcd clusterEtcd(AgentConfig config, MicroVmDriver driver, SecretsFeed secrets) {
        return switch (config.cluster().access()) {
            case "simulated" -> new SimulatedEtcd(driver);
            default -> new EtcdOverTls(secrets::secretsOf,
                    new EtcdSnapshots(Path.of(config.cluster().etcdSnapshotDir()), config.cluster().etcdSnapshotInterval(),
                            config.cluster().etcdSnapshotKeep()), Clock.systemUTC());
        };
    }

    /** A host agent's drivers run microVMs on its own host unless their own host-id key says otherwise. */
    private static Map<String, String> withHostId(Map<String, String> props, String prefix, AgentConfig config) {
        config.hostId().ifPresent(h -> props.putIfAbsent(prefix + "host-id", h));
        return props;
    }

    private static Map<String, String> withPrefix(Config all, String prefix) {
        Map<String, String> props = new HashMap<>();
        for (String name : all.getPropertyNames()) {
            if (name.startsWith(prefix)) {
                all.getOptionalValue(name, String.class).ifPresent(v -> props.put(name, v));
            }
        }
        return props;
    }
}
