package io.edgefleet.agent;

import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.driver.simulated.SimulatedDriver;
import io.edgefleet.agent.driver.simulated.SimulatedDriverConfig;
import io.edgefleet.agent.inventory.SiteInventory;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/** Wires the inventory and the microVM driver the configuration names. */
public class AgentBeans {

    @Produces
    @Singleton
    SiteInventory inventory(AgentConfig config) {
        SiteInventory inventory = SiteInventory.load(Path.of(config.inventoryFile()));
        if (!inventory.siteId().equals(config.siteId())) {
            throw new IllegalStateException("inventory file " + config.inventoryFile() + " describes site "
                    + inventory.siteId() + " but this agent runs site " + config.siteId());
        }
        return inventory;
    }

    @Produces
    @Singleton
    MicroVmDriver driver(AgentConfig config, SiteInventory inventory, Config all) {
        if (!"simulated".equals(config.driver())) {
            throw new IllegalStateException("edgefleet.agent.driver=" + config.driver()
                    + " is not wired in this build; use simulated");
        }
        Map<String, String> props = new HashMap<>();
        for (String name : all.getPropertyNames()) {
            if (name.startsWith(SimulatedDriverConfig.PREFIX)) {
                all.getOptionalValue(name, String.class).ifPresent(v -> props.put(name, v));
            }
        }
        config.simulatedStateFile().ifPresent(f -> props.put(SimulatedDriverConfig.STATE_FILE, f));
        return new SimulatedDriver(inventory, SimulatedDriverConfig.fromProperties(props));
    }
}
