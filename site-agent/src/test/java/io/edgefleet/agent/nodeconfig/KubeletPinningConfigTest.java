package io.edgefleet.agent.nodeconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The kubelet's pinning configuration, read back from its YAML text. */
class KubeletPinningConfigTest {

    /**
     * The JSON field names of {@code KubeletConfiguration} in kubelet.config.k8s.io/v1beta1, from
     * kubernetes/kubernetes staging/src/k8s.io/kubelet/config/v1beta1/types.go (commit 001332b0, 2026), plus
     * the TypeMeta fields. The kubelet decodes its configuration strictly: any other key stops it.
     */
    static final Set<String> KUBELET_CONFIGURATION_FIELDS = Set.of("apiVersion", "kind",
            "enableServer", "staticPodPath", "podLogsDir", "syncFrequency", "fileCheckFrequency",
            "httpCheckFrequency", "staticPodURL", "staticPodURLHeader", "address", "port", "readOnlyPort",
            "tlsCertFile", "tlsPrivateKeyFile", "tlsCipherSuites", "tlsCurvePreferences", "tlsMinVersion",
            "rotateCertificates", "serverTLSBootstrap", "authentication", "authorization", "registryPullQPS",
            "registryBurst", "imagePullCredentialsVerificationPolicy", "preloadedImagesVerificationAllowlist",
            "eventRecordQPS", "eventBurst", "enableDebuggingHandlers", "enableContentionProfiling", "healthzPort",
            "healthzBindAddress", "oomScoreAdj", "clusterDomain", "clusterDNS", "streamingConnectionIdleTimeout",
            "nodeStatusUpdateFrequency", "nodeStatusReportFrequency", "nodeLeaseDurationSeconds",
            "imageMinimumGCAge", "imageMaximumGCAge", "imageGCHighThresholdPercent", "imageGCLowThresholdPercent",
            "volumeStatsAggPeriod", "kubeletCgroups", "systemCgroups", "cgroupRoot", "cgroupsPerQOS",
            "cgroupDriver", "cpuManagerPolicy", "singleProcessOOMKill", "cpuManagerPolicyOptions",
            "cpuManagerReconcilePeriod", "draManagerReconcilePeriod", "memoryManagerPolicy",
            "topologyManagerPolicy", "topologyManagerScope", "topologyManagerPolicyOptions", "qosReserved",
            "runtimeRequestTimeout", "hairpinMode", "maxPods", "podCIDR", "podPidsLimit", "resolvConf", "runOnce",
            "cpuCFSQuota", "cpuCFSQuotaPeriod", "nodeStatusMaxImages", "maxOpenFiles", "contentType", "kubeAPIQPS",
            "kubeAPIBurst", "serializeImagePulls", "maxParallelImagePulls", "evictionHard", "evictionSoft",
            "evictionSoftGracePeriod", "evictionPressureTransitionPeriod", "evictionMaxPodGracePeriod",
            "evictionMinimumReclaim", "mergeDefaultEvictionSettings", "podsPerCore", "enableControllerAttachDetach",
            "protectKernelDefaults", "makeIPTablesUtilChains", "iptablesMasqueradeBit", "iptablesDropBit",
            "featureGates", "failSwapOn", "memorySwap", "containerLogMaxSize", "containerLogMaxFiles",
            "containerLogMaxWorkers", "containerLogMonitorInterval", "configMapAndSecretChangeDetectionStrategy",
            "systemReserved", "kubeReserved", "reservedSystemCPUs", "showHiddenMetricsForVersion",
            "systemReservedCgroup", "kubeReservedCgroup", "enforceNodeAllocatable", "allowedUnsafeSysctls",
            "volumePluginDir", "providerID", "kernelMemcgNotification", "logging", "enableSystemLogHandler",
            "enableSystemLogQuery", "shutdownGracePeriod", "shutdownGracePeriodCriticalPods",
            "shutdownGracePeriodByPodPriority", "crashLoopBackOff", "reservedMemory", "enableProfilingHandler",
            "enableDebugFlagsHandler", "seccompDefault", "memoryThrottlingFactor", "memoryReservationPolicy",
            "registerWithTaints", "registerNode", "tracing", "localStorageCapacityIsolation",
            "containerRuntimeEndpoint", "imageServiceEndpoint", "failCgroupV1", "userNamespaces");
    /** {@code MemoryReservation} in the same file. */
    static final Set<String> MEMORY_RESERVATION_FIELDS = Set.of("numaNode", "limits");
    /** Eviction signals of the kubelet's defaults (same file, evictionHard's comment). */
    static final Set<String> DEFAULT_EVICTION_SIGNALS = Set.of("memory.available", "nodefs.available",
            "nodefs.inodesFree", "imagefs.available");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyKeyIsAFieldOfTheKubeletConfigurationApi() throws Exception {
        JsonNode config = YAML.readTree(KubeletPinningConfig.yaml(ExampleHost.host()));

        List<String> unknown = new ArrayList<>();
        config.fieldNames().forEachRemaining(name -> {
            if (!KUBELET_CONFIGURATION_FIELDS.contains(name)) {
                unknown.add(name);
            }
        });
        assertEquals(List.of(), unknown, "keys that are not KubeletConfiguration fields");
        for (JsonNode reservation : config.get("reservedMemory")) {
            reservation.fieldNames().forEachRemaining(name -> assertTrue(MEMORY_RESERVATION_FIELDS.contains(name), name));
            reservation.get("limits").fieldNames().forEachRemaining(type -> assertEquals("memory", type));
        }
        config.get("evictionHard").fieldNames().forEachRemaining(s -> assertTrue(DEFAULT_EVICTION_SIGNALS.contains(s), s));
        assertEquals(DEFAULT_EVICTION_SIGNALS.size(), config.get("evictionHard").size(), "every default signal kept");
        assertTrue(config.path("featureGates").isMissingNode(), "no feature gate needed from 1.31 on");
    }

    @Test
    void pinsCpusMemoryAndTopologyToOneNumaNodePerPod() throws Exception {
        JsonNode config = YAML.readTree(KubeletPinningConfig.yaml(ExampleHost.host()));

        assertEquals("kubelet.config.k8s.io/v1beta1", config.get("apiVersion").asText());
        assertEquals("KubeletConfiguration", config.get("kind").asText());
        assertEquals("static", config.get("cpuManagerPolicy").asText());
        assertEquals("Static", config.get("memoryManagerPolicy").asText());
        assertEquals("single-numa-node", config.get("topologyManagerPolicy").asText());
        assertEquals("pod", config.get("topologyManagerScope").asText());
        assertEquals("0-7,16-21", config.get("reservedSystemCPUs").asText());
        assertTrue(config.get("reservedSystemCPUs").isTextual(), "a CPU list, never a YAML number");
        assertEquals("36864Mi", config.get("systemReserved").get("memory").asText(), "host share + microVMs");
        assertEquals("1024Mi", config.get("kubeReserved").get("memory").asText());
        assertEquals("500Mi", config.get("evictionHard").get("memory.available").asText());
        assertTrue(config.get("systemReserved").path("cpu").isMissingNode(), "CPU reserve comes from reservedSystemCPUs");
    }

    @Test
    void reservedMemoryOfAllNodesAddsUpToNodeAllocatablesReserve() throws Exception {
        JsonNode config = YAML.readTree(KubeletPinningConfig.yaml(ExampleHost.host()));

        long sum = 0;
        for (JsonNode reservation : config.get("reservedMemory")) {
            sum += mib(reservation.get("limits").get("memory").asText());
        }
        long expected = mib(config.get("systemReserved").get("memory").asText())
                + mib(config.get("kubeReserved").get("memory").asText())
                + mib(config.get("evictionHard").get("memory.available").asText());
        assertEquals(expected, sum);
        assertEquals(38388, sum);
        assertEquals(2, config.get("reservedMemory").size());
        assertEquals(0, config.get("reservedMemory").get(0).get("numaNode").asInt());
        assertTrue(config.get("reservedMemory").get(0).get("numaNode").isInt());
    }

    @Test
    void reservedCpuListMergesAdjacentRangesOfReserveAndMicroVms() {
        NodeHost host = withCpus(ExampleHost.cpus(0, 1), new TreeSet<>(List.of(2, 3, 8, 9, 10, 12, 31)));
        assertEquals("0-3,8-10,12,31", KubeletPinningConfig.reservedSystemCpus(host));

        NodeHost overlapping = withCpus(ExampleHost.cpus(0, 3), ExampleHost.cpus(2, 5));
        assertEquals("0-5", KubeletPinningConfig.reservedSystemCpus(overlapping));

        NodeHost onlyReserve = withCpus(new TreeSet<>(List.of(0)), new TreeSet<>());
        assertEquals("0", KubeletPinningConfig.reservedSystemCpus(onlyReserve));
    }

    @Test
    void refusesAnEmptyReserveAndCpusTheHostDoesNotHave() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> KubeletPinningConfig.yaml(withCpus(new TreeSet<>(), new TreeSet<>())));
        assertTrue(empty.getMessage().contains("reservedSystemCPUs"), empty.getMessage());
        assertTrue(empty.getMessage().contains("node-a"), empty.getMessage());

        IllegalArgumentException offline = assertThrows(IllegalArgumentException.class,
                () -> KubeletPinningConfig.yaml(withCpus(ExampleHost.cpus(0, 1), ExampleHost.cpus(30, 33))));
        assertTrue(offline.getMessage().contains("reservedSystemCPUs: CPUs 32-33 are not online"), offline.getMessage());
    }

    private static NodeHost withCpus(TreeSet<Integer> system, TreeSet<Integer> microVms) {
        NodeHost h = ExampleHost.host();
        return new NodeHost(h.hostId(), h.numaNodes(), system, microVms, h.memory(), h.pfs());
    }

    private static long mib(String quantity) {
        assertTrue(quantity.endsWith("Mi"), quantity);
        return Long.parseLong(quantity.substring(0, quantity.length() - 2));
    }
}
