package io.edgefleet.agent.driver.firecracker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.agent.driver.NicSpec;
import java.io.IOException;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The calls the driver makes on one Firecracker API socket, with bodies exactly as the API spec
 * ({@code firecracker-api.yaml}) defines them: field names, required fields and types. Only fields
 * the spec declares are sent; optional ones are left out rather than sent as null, because
 * Firecracker refuses unknown or null-typed fields.
 */
public final class FirecrackerApi {

    /** What {@code GET /} answers (the spec's InstanceInfo). */
    public record InstanceInfo(String id, String state, String vmmVersion, String appName) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final UnixSocketHttpClient http;

    public FirecrackerApi(Path socket, Duration timeout) {
        this.http = new UnixSocketHttpClient(socket, timeout);
    }

    /** {@code PUT /machine-config} (MachineConfiguration: vcpu_count and mem_size_mib are required). */
    public void putMachineConfig(int vcpuCount, int memSizeMib) throws IOException {
        // smt off: a vCPU is a whole core to the guest, never one hyperthread of a pair shared with another VM.
        ObjectNode body = MAPPER.createObjectNode().put("vcpu_count", vcpuCount).put("mem_size_mib", memSizeMib).put("smt", false);
        put("/machine-config", body);
    }

    /** {@code PUT /boot-source} (BootSource: kernel_image_path required, boot_args optional). */
    public void putBootSource(String kernelImagePath, String bootArgs) throws IOException {
        ObjectNode body = MAPPER.createObjectNode().put("kernel_image_path", kernelImagePath);
        if (bootArgs != null && !bootArgs.isBlank()) {
            body.put("boot_args", bootArgs);
        }
        put("/boot-source", body);
    }

    /** {@code PUT /drives/{drive_id}} for a virtio-block drive (Drive: drive_id and is_root_device required). */
    public void putDrive(String driveId, String pathOnHost, boolean isRootDevice, boolean isReadOnly) throws IOException {
        ObjectNode body = MAPPER.createObjectNode()
                .put("drive_id", driveId)
                .put("path_on_host", pathOnHost)
                .put("is_root_device", isRootDevice)
                .put("is_read_only", isReadOnly);
        put("/drives/" + driveId, body);
    }

    /** {@code PUT /network-interfaces/{iface_id}} (NetworkInterface: iface_id and host_dev_name required). */
    public void putNetworkInterface(NicSpec nic) throws IOException {
        ObjectNode body = MAPPER.createObjectNode().put("iface_id", nic.ifaceId()).put("host_dev_name", nic.hostDevName());
        if (nic.guestMac() != null) {
            body.put("guest_mac", nic.guestMac());
        }
        if (nic.mtu() != null) {
            body.put("mtu", nic.mtu());
        }
        put("/network-interfaces/" + nic.ifaceId(), body);
    }

    /** {@code PUT /actions {"action_type": "InstanceStart"}}: boots the configured microVM. */
    public void instanceStart() throws IOException {
        action("InstanceStart");
    }

    /** {@code PUT /actions {"action_type": "SendCtrlAltDel"}}: asks the guest to shut down (x86_64 only). */
    public void sendCtrlAltDel() throws IOException {
        action("SendCtrlAltDel");
    }

    /** {@code GET /}: the instance's id, state ("Not started", "Running", "Paused") and versions. */
    public InstanceInfo describeInstance() throws IOException {
        UnixSocketHttpClient.Response r = http.exchange("GET", "/", null);
        if (r.status() != 200) {
            throw new FirecrackerFault("GET /", r.status(), faultMessage(r.body()));
        }
        JsonNode n;
        try {
            n = MAPPER.readTree(r.body());
        } catch (JsonProcessingException e) {
            throw new IOException("GET / answered no JSON: " + r.body(), e);
        }
        if (n == null || !n.path("state").isTextual()) {
            throw new IOException("GET / answered no instance state: " + r.body());
        }
        return new InstanceInfo(n.path("id").asText(""), n.path("state").asText(),
                n.path("vmm_version").asText(""), n.path("app_name").asText(""));
    }

    private void action(String type) throws IOException {
        put("/actions", MAPPER.createObjectNode().put("action_type", type));
    }

    /**
     * {@code PUT /mmds/config} (MmdsConfig: the version, V1 or V2, and the interfaces that may reach the metadata
     * service at 169.254.169.254; pre-boot only, interfaces must exist already).
     */
    public void putMmdsConfig(String version, List<String> networkInterfaces) throws IOException {
        ObjectNode body = MAPPER.createObjectNode().put("version", version);
        networkInterfaces.forEach(body.putArray("network_interfaces")::add);
        put("/mmds/config", body);
    }

    /** {@code PUT /mmds} (MmdsContentsObject): the whole metadata store the guest reads over MMDS. */
    public void putMmds(ObjectNode contents) throws IOException {
        put("/mmds", contents);
    }

    private void put(String path, ObjectNode body) throws IOException {
        UnixSocketHttpClient.Response r = http.exchange("PUT", path, body.toString());
        if (r.status() != 204 && r.status() != 200) {
            throw new FirecrackerFault("PUT " + path, r.status(), faultMessage(r.body()));
        }
    }

    /** The spec's Error.fault_message, or the raw body when the answer is not that shape. */
    static String faultMessage(String body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n != null && n.path("fault_message").isTextual()) {
                return n.get("fault_message").asText();
            }
        } catch (JsonProcessingException e) {
            // fall through: report the body as it came
        }
        return body == null || body.isBlank() ? "(no fault_message)" : body;
    }
}
