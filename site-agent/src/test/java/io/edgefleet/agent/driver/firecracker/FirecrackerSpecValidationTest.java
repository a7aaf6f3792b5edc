package io.edgefleet.agent.driver.firecracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake's validator must be able to fail, or the driver tests that rely on it prove nothing. */
class FirecrackerSpecValidationTest {

    static final FirecrackerSpec SPEC = FirecrackerSpec.load();

    @TempDir
    Path tmp;

    @Test
    void acceptsConformingRequests() {
        assertEquals(List.of(), SPEC.checkRequest("PUT", "/machine-config", "{\"vcpu_count\":2,\"mem_size_mib\":1024,\"smt\":false}"));
        assertEquals(List.of(), SPEC.checkRequest("PUT", "/drives/rootfs",
                "{\"drive_id\":\"rootfs\",\"path_on_host\":\"/x\",\"is_root_device\":true,\"cache_type\":\"Writeback\"}"));
        assertEquals(List.of(), SPEC.checkRequest("GET", "/", null));
    }

    @Test
    void rejectsWhatTheSpecForbids() {
        assertEquals(List.of("body.mem_size_mib: required field is missing"),
                SPEC.checkRequest("PUT", "/machine-config", "{\"vcpu_count\":2}"));
        assertEquals(List.of("body.vcpu_count: must be an integer, got \"2\""),
                SPEC.checkRequest("PUT", "/machine-config", "{\"vcpu_count\":\"2\",\"mem_size_mib\":1024}"));
        assertEquals(List.of("body.vcpu_count: 33 is above the maximum 32"),
                SPEC.checkRequest("PUT", "/machine-config", "{\"vcpu_count\":33,\"mem_size_mib\":1024}"));
        assertEquals(List.of("body.memory_mib: unknown field (Firecracker refuses fields its API does not define)"),
                SPEC.checkRequest("PUT", "/machine-config", "{\"vcpu_count\":1,\"mem_size_mib\":128,\"memory_mib\":128}"));
        assertEquals(List.of("body.action_type: \"Reboot\" is not one of [\"FlushMetrics\",\"InstanceStart\",\"SendCtrlAltDel\"]"),
                SPEC.checkRequest("PUT", "/actions", "{\"action_type\":\"Reboot\"}"));
        assertEquals(List.of("body.is_root_device: must be a boolean, got \"true\""),
                SPEC.checkRequest("PUT", "/drives/rootfs", "{\"drive_id\":\"rootfs\",\"is_root_device\":\"true\"}"));
        assertEquals(List.of("body.rx_rate_limiter.bandwidth.refill_time: required field is missing"),
                SPEC.checkRequest("PUT", "/network-interfaces/eth0",
                        "{\"iface_id\":\"eth0\",\"host_dev_name\":\"tap0\",\"rx_rate_limiter\":{\"bandwidth\":{\"size\":1}}}"));
        assertEquals(List.of("PUT /boot-source requires a body"), SPEC.checkRequest("PUT", "/boot-source", ""));
        assertEquals(List.of("no path /machine in the API spec"), SPEC.checkRequest("PUT", "/machine", "{}"));
        assertEquals(List.of("method DELETE is not defined for /drives/{drive_id}"), SPEC.checkRequest("DELETE", "/drives/rootfs", null));
    }

    @Test
    void theFakeAnswersAViolationWith400AndAFaultMessageOverItsSocket() throws IOException {
        Path sock = tmp.resolve("api.sock");
        try (FakeFirecrackerServer server = new FakeFirecrackerServer(sock, SPEC, "vm-1")) {
            var http = new UnixSocketHttpClient(sock, Duration.ofSeconds(2));
            UnixSocketHttpClient.Response bad = http.exchange("PUT", "/machine-config", "{\"vcpu_count\":0,\"mem_size_mib\":128}");
            assertEquals(400, bad.status());
            assertEquals("Invalid request: body.vcpu_count: 0 is below the minimum 1", FirecrackerApi.faultMessage(bad.body()));

            UnixSocketHttpClient.Response ok = http.exchange("PUT", "/machine-config", "{\"vcpu_count\":1,\"mem_size_mib\":128}");
            assertEquals(new UnixSocketHttpClient.Response(204, ""), ok);

            UnixSocketHttpClient.Response info = http.exchange("GET", "/", null);
            assertEquals(200, info.status());
            assertEquals(List.of(), SPEC.checkDefinition("InstanceInfo", new ObjectMapper().readTree(info.body())),
                    "the fake's own answers conform to the spec");
            assertTrue(server.requests().get(0).violations().size() == 1);
        }
    }

    @Test
    void theApiClientSurfacesTheFaultMessage() throws IOException {
        Path sock = tmp.resolve("api.sock");
        try (FakeFirecrackerServer ignored = new FakeFirecrackerServer(sock, SPEC, "vm-1")) {
            FirecrackerApi api = new FirecrackerApi(sock, Duration.ofSeconds(2));
            var fault = org.junit.jupiter.api.Assertions.assertThrows(FirecrackerFault.class, api::instanceStart);
            assertEquals(400, fault.status());
            assertEquals("Cannot start microvm without kernel configuration.", fault.faultMessage());
            assertEquals("Not started", api.describeInstance().state());
        }
    }
}
