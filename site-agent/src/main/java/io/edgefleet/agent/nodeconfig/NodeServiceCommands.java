package io.edgefleet.agent.nodeconfig;

import io.edgefleet.agent.driver.host.HostCommand;
import java.util.List;
import java.util.Objects;

/**
 * The shell commands that make the kubelet and the SR-IOV device plugin pick up changed files. Each is one
 * line for {@code /bin/sh -c}, so an operator can configure a pipeline, and must exit 0 when it did its job.
 *
 * @param daemonReload        makes systemd re-read unit drop-ins
 * @param stopKubelet         stops the kubelet (its checkpoints are removed while it is stopped)
 * @param startKubelet        starts it again
 * @param restartDevicePlugin makes the SR-IOV device plugin read its configuration again
 */
public record NodeServiceCommands(String daemonReload, String stopKubelet, String startKubelet,
                                  String restartDevicePlugin) {
    public static final String DAEMON_RELOAD = "systemctl daemon-reload";
    public static final String STOP_KUBELET = "systemctl stop kubelet";
    public static final String START_KUBELET = "systemctl start kubelet";
    /**
     * The plugin runs as a DaemonSet pod whose container is named {@code kube-sriovdp} (the upstream manifest's
     * name). Stopping that container on this host makes the kubelet start it again, and it reads
     * {@code config.json} at start; no API credentials are needed. A host without the container yet succeeds
     * with nothing to do: the plugin reads the file when it first starts. A failing {@code crictl ps} fails the
     * command (no pipe, which would hide it).
     */
    public static final String RESTART_DEVICE_PLUGIN =
            "ids=$(crictl ps --quiet --name kube-sriovdp) && { [ -z \"$ids\" ] || crictl stop $ids; }";

    public NodeServiceCommands {
        requireCommand("daemon-reload-command", daemonReload);
        requireCommand("kubelet-stop-command", stopKubelet);
        requireCommand("kubelet-start-command", startKubelet);
        requireCommand("device-plugin-restart-command", restartDevicePlugin);
    }

    /** The defaults: systemd units for the kubelet, the container runtime for the device plugin. */
    public static NodeServiceCommands defaults() {
        return new NodeServiceCommands(DAEMON_RELOAD, STOP_KUBELET, START_KUBELET, RESTART_DEVICE_PLUGIN);
    }

    /** Runs one of the commands; a non-zero exit throws a HostSetupException naming {@code what} and the output. */
    static void run(HostCommand host, String what, String command) {
        host.require(what, List.of("/bin/sh", "-c", command));
    }

    private static void requireCommand(String key, String command) {
        Objects.requireNonNull(command, key);
        if (command.isBlank()) {
            throw new IllegalArgumentException("edgefleet.agent.node-config." + key + " must not be empty");
        }
    }
}
