package io.edgefleet.agent.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The guest's cloud-init network-config (version 2): a static address on the interface with the microVM's MAC,
 * renamed {@code eth0} so kube-vip and the kernel's name agree whatever the virtual NIC's driver calls it.
 * The default route uses {@code 0.0.0.0/0}, which cloud-init's renderers (netplan, networkd, ENI, sysconfig)
 * all read; {@code gateway4} is deprecated.
 */
final class NetworkConfig {
    private NetworkConfig() {
    }

    static String render(NodeAddress address, List<String> nameservers) {
        ObjectNode root = Yaml.object();
        root.put("version", 2);
        ObjectNode eth = root.putObject("ethernets").putObject(BootstrapDefaults.GUEST_INTERFACE);
        eth.putObject("match").put("macaddress", address.macAddress());
        eth.put("set-name", BootstrapDefaults.GUEST_INTERFACE);
        eth.set("addresses", Yaml.array(address.cidr()));
        if (address.gateway() != null) {
            ObjectNode route = eth.putArray("routes").addObject();
            route.put("to", "0.0.0.0/0");
            route.put("via", address.gateway());
        }
        if (!nameservers.isEmpty()) {
            eth.putObject("nameservers").set("addresses", Yaml.array(nameservers.toArray(String[]::new)));
        }
        return Yaml.write(root);
    }
}
