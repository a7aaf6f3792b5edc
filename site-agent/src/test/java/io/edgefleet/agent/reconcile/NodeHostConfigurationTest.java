package io.edgefleet.agent.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.cluster.NfNetworks;
import io.edgefleet.agent.cluster.NfPods;
import io.edgefleet.agent.cluster.SimulatedClusterAccess;
import io.edgefleet.agent.driver.host.CpuList;
import io.edgefleet.agent.driver.host.HostCommand;
import io.edgefleet.agent.driver.host.HostSetupException;
import io.edgefleet.agent.driver.simulated.SimulatedDriver;
import io.edgefleet.agent.driver.simulated.SimulatedDriverConfig;
import io.edgefleet.agent.inventory.Host;
import io.edgefleet.agent.inventory.HostState;
import io.edgefleet.agent.inventory.NumaNode;
import io.edgefleet.agent.inventory.ReservedShare;
import io.edgefleet.agent.inventory.discovery.DiscoveredHost;
import io.edgefleet.agent.inventory.discovery.DiscoveredNumaNode;
import io.edgefleet.agent.inventory.discovery.SriovPf;
import io.edgefleet.agent.nodeconfig.KubeletDropIn;
import io.edgefleet.agent.nodeconfig.NodeConfigWriter;
import io.edgefleet.agent.nodeconfig.NodeConfigurator;
import io.edgefleet.agent.nodeconfig.NodeServiceCommands;
import io.edgefleet.agent.nodeconfig.SriovDevicePluginConfig;
import io.edgefleet.events.plan.MicroVmRole;
import io.edgefleet.events.plan.PlannedCluster;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.PlannedNetworkFunction;
import io.edgefleet.events.plan.PlannedNfReplica;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.request.NetworkFunctionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host agent of bm1 applies the node configuration while the plan makes bm1 a node of cluster c1: files
 * below a temporary root, commands recorded instead of run.
 */
class NodeHostConfigurationTest {
    private static final String PINNING = KubeletDropIn.kubeadm().pinningFile();
    private static final String RELOAD = NodeServiceCommands.DAEMON_RELOAD;
    private static final String STOP = NodeServiceCommands.STOP_KUBELET;
    private static final String START = NodeServiceCommands.START_KUBELET;
    private static final String PLUGIN = NodeServiceCommands.RESTART_DEVICE_PLUGIN;

    @TempDir
    Path root;

    final Commands commands = new Commands();
    final Plans.TestClock clock = new Plans.TestClock();
    final NfPods pods = new NfPods("nf", "nf/{kind}:1", "intel.com");

    /** bm1 as its inventory entry has it: 2 reserved cores, ens1f0 cabled to physnet-a. */
    static Host bm1() {
        return new Host("bm1", "rack-b", HostState.READY, Set.of("sriov:physnet-a"), 1.0, new ReservedShare(2, 4096), 100,
                List.of(new NumaNode(0, 16, 65536, 8, Map.of("physnet-a", 8))), Map.of("ens1f0", "physnet-a"));
    }

    /** What bm1 says about itself: one NUMA node of CPUs 0-15 and 64 GiB (8 GiB hugepages), 8 VFs on ens1f0. */
    static DiscoveredHost discovered() {
        return new DiscoveredHost(List.of(new DiscoveredNumaNode(0, IntStream.range(0, 16).boxed().toList(), 16, 65536, 8)),
                true, 65536, List.of(new SriovPf("ens1f0", 0, 64, 8)));
    }

    NodeConfigurator configurator(Host host) {
        return configurator(host, discovered());
    }

    NodeConfigurator configurator(Host host, DiscoveredHost found) {
        return new NodeConfigurator(host, () -> found, KubeletDropIn.kubeadm(),
                new SriovDevicePluginConfig(pods.resourcePrefix()), new NodeConfigWriter(root), commands,
                NodeServiceCommands.defaults());
    }

    ReconcilePlanner planner(NodeConfigurator configurator) {
        return new ReconcilePlanner("/img/vmlinux", "/img/node-{version}.ext4", pods, new NfNetworks(pods, Map.of()),
                Map.of(), NodeBootstraps.NONE, configurator);
    }

    Convergence agent(HostScope scope, NodeConfigurator configurator) {
        SimulatedDriver driver = new SimulatedDriver(Plans.inventory(), SimulatedDriverConfig.defaults(), clock);
        return new Convergence(Plans.SITE, scope, new Target(driver, new SimulatedClusterAccess(driver)),
                planner(configurator), new Plans.Sink());
    }

    Convergence bm1Agent() {
        return agent(HostScope.host("bm1", Plans.inventory(), "site.json"), configurator(bm1()));
    }

    /** Cluster c1 (control planes on h1..h3) with bm1 as its NF host when {@code nfHost}; site steps on h1. */
    static SitePlan plan(long version, boolean nfHost, List<PlannedNetworkFunction> nfs) {
        List<PlannedMicroVm> cps = Plans.controlPlane("c1", 3);
        PlannedCluster c1 = new PlannedCluster("c1", "team-a", "1.31.2", cps.stream().map(PlannedMicroVm::microVmId).toList(),
                List.of(), List.of(), null, null, nfHost ? List.of("bm1") : List.of());
        return new SitePlan(Plans.SITE, version, Plans.plan(1).generatedAt(), cps, List.of(c1), nfs, "h1", null);
    }

    static PlannedNetworkFunction du(String nfId, List<Integer> cores) {
        return new PlannedNetworkFunction(nfId, "c1", NetworkFunctionKind.DU, List.of(
                new PlannedNfReplica(0, "bm1", 0, cores, 1, 2048, Map.of("physnet-a", 1))));
    }

    @Test
    void anNfHostGetsItsFilesItsKubeletRestartsOnceWithFreshCheckpointsAndAnUnchangedPlanRunsNothing() throws IOException {
        Convergence agent = bm1Agent();
        checkpoints();
        SitePlan plan = plan(1, true, List.of(Plans.upf("upf-1", "c1")));

        Convergence.Outcome first = agent.run(plan);

        assertEquals(List.of(RELOAD, STOP, START, PLUGIN), commands.ran, "every file was new: all of it, once");
        assertTrue(first.performed().stream().anyMatch(s -> s.startsWith("configure the kubelet and SR-IOV device plugin"
                + " of node host bm1 (pinned cores 4-7")), first.performed().toString());
        SortedSet<Integer> reserved = reservedSystemCpus();
        assertEquals(cpus(0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15), reserved,
                "the reserve (0-1) and the microVM cpuset (2-3, 8-15), never the UPF's pinned 4-7");
        assertFalse(Files.exists(onHost(NodeConfigurator.CHECKPOINTS.get(0))), "cpu_manager_state removed");
        assertFalse(Files.exists(onHost(NodeConfigurator.CHECKPOINTS.get(1))), "memory_manager_state removed");
        assertTrue(Files.readString(onHost(SriovDevicePluginConfig.PATH)).contains("\"ens1f0#0-7\""));
        assertTrue(Files.readString(onHost(KubeletDropIn.PATH)).contains("--config-dir=/etc/kubernetes/kubelet.conf.d"));
        assertFalse(Files.exists(onHost(NodeConfigurator.PENDING)), "nothing owed");

        Convergence.Outcome again = agent.run(plan);

        assertEquals(List.of(RELOAD, STOP, START, PLUGIN), commands.ran, "the same plan runs no command");
        assertTrue(again.performed().stream().noneMatch(s -> s.startsWith("configure")), again.performed().toString());
    }

    @Test
    void anNfAddedOnTheHostRestartsTheKubeletAgainButNotTheDevicePlugin() throws IOException {
        Convergence agent = bm1Agent();
        agent.run(plan(1, true, List.of(Plans.upf("upf-1", "c1"))));
        String pluginConfig = Files.readString(onHost(SriovDevicePluginConfig.PATH));
        commands.ran.clear();
        checkpoints();

        agent.run(plan(2, true, List.of(Plans.upf("upf-1", "c1"), du("du-1", List.of(8, 9)))));

        assertEquals(List.of(STOP, START), commands.ran, "only the kubelet's pinning file changed");
        assertEquals(cpus(0, 1, 2, 3, 10, 11, 12, 13, 14, 15), reservedSystemCpus(), "8-9 are the DU's now");
        assertFalse(Files.exists(onHost(NodeConfigurator.CHECKPOINTS.get(0))));
        assertFalse(Files.exists(onHost(NodeConfigurator.CHECKPOINTS.get(1))));
        assertEquals(pluginConfig, Files.readString(onHost(SriovDevicePluginConfig.PATH)));
    }

    @Test
    void hardwareThreadSiblingsGoWithTheirCoreAsInTheMicroVmCpuset() throws IOException {
        // 8 cores of two threads each: core n is CPUs n and n+8, named by n.
        List<List<Integer>> cores = IntStream.range(0, 8).mapToObj(n -> List.of(n, n + 8)).toList();
        DiscoveredHost smt = new DiscoveredHost(List.of(new DiscoveredNumaNode(0, IntStream.range(0, 16).boxed().toList(),
                8, 65536, 8, cores)), true, 65536, List.of(new SriovPf("ens1f0", 0, 64, 8)));
        NodeConfigurator configurator = configurator(bm1(), smt);

        configurator.apply(Set.of(4, 5), 0);

        assertEquals(cpus(0, 1, 2, 3, 6, 7, 8, 9, 10, 11, 14, 15), reservedSystemCpus(),
                "reserved cores 0-1 and microVM cores 2-3, 6-7 with their siblings; pinned cores 4-5 and siblings 12-13"
                        + " left for the kubelet to hand out");
    }

    @Test
    void aHostThatIsNoClustersNodeGetsNoStepAndItsFilesAreLeftAlone() throws IOException {
        SitePlan notANode = plan(1, false, List.of());

        assertEquals(List.of(), planner(configurator(bm1())).nodeHostSteps(notANode));
        bm1Agent().run(notANode);

        assertEquals(List.of(), commands.ran);
        try (Stream<Path> files = Files.list(root)) {
            assertEquals(List.of(), files.toList(), "nothing written below the root");
        }
    }

    @Test
    void aSiteWideAgentNeverConfiguresANodeHost() throws IOException {
        Convergence siteWide = agent(HostScope.wholeSite(), configurator(bm1()));

        siteWide.run(plan(1, true, List.of(Plans.upf("upf-1", "c1"))));

        assertEquals(List.of(), commands.ran);
        try (Stream<Path> files = Files.list(root)) {
            assertEquals(List.of(), files.toList());
        }
    }

    /**
     * The microVMs' memory share of an NF host depends on its network functions only: a control-plane microVM
     * coming or going must not restart the kubelet (and re-admit the NF pods).
     */
    @Test
    void theStepCarriesThePinnedCoresAndAMicroVmShareThatOnlyTheNetworkFunctionsChange() {
        SitePlan base = plan(1, true, List.of(Plans.upf("upf-1", "c1"), du("du-1", List.of(9, 8))));
        List<PlannedMicroVm> vms = new ArrayList<>(base.microVms());
        vms.add(new PlannedMicroVm("c2-cp-0", "c2", MicroVmRole.CONTROL_PLANE, "bm1", 2, 3072, 10, "1.31.2"));
        vms.add(new PlannedMicroVm("c2-cp-1", "c2", MicroVmRole.CONTROL_PLANE, "bm1", 2, 1024, 10, "1.31.2"));
        SitePlan plan = new SitePlan(base.siteId(), 1, base.generatedAt(), vms, base.clusters(), base.networkFunctions(),
                "h1", null);
        NodeConfigurator configurator = configurator(bm1());

        List<Step> steps = planner(configurator).nodeHostSteps(plan);

        // bm1: 64 GiB - 8 GiB hugepages = 57344 MiB ordinary; - 4096 reserve - 1024 kubelet - 500 eviction
        // - 4096 (upf-1) - 2048 (du-1)
        long share = 57344 - 4096 - 1024 - 500 - 4096 - 2048;
        assertEquals(List.of(new ConfigureNodeHost(configurator, cpus(4, 5, 6, 7, 8, 9), share)), steps);
        assertEquals(steps, planner(configurator).nodeHostSteps(base), "the same without the two microVMs");
        assertEquals(List.of(new ConfigureNodeHost(configurator, cpus(4, 5, 6, 7), share + 2048)),
                planner(configurator).nodeHostSteps(plan(1, true, List.of(Plans.upf("upf-1", "c1")))),
                "one network function less");
    }

    @Test
    void aFailingCommandFailsTheStepAndTheNextRunFinishesWhatWasLeft() throws IOException {
        Convergence agent = bm1Agent();
        commands.failing = START;
        SitePlan plan = plan(1, true, List.of(Plans.upf("upf-1", "c1")));

        Convergence.Outcome failed = agent.run(plan);

        assertEquals(List.of(RELOAD, STOP, START), commands.ran, "the plugin's turn never came");
        assertTrue(failed.notConverged().stream().anyMatch(s -> s.startsWith("configure")), failed.notConverged().toString());
        assertEquals("RESET_KUBELET_CHECKPOINTS\nRESTART_KUBELET\nRESTART_DEVICE_PLUGIN\n",
                Files.readString(onHost(NodeConfigurator.PENDING)), "the reload is done, the rest is owed");

        commands.failing = null;
        commands.ran.clear();
        Convergence.Outcome retried = agent.run(plan);

        assertEquals(List.of(STOP, START, PLUGIN), commands.ran, "files were in place, the owed actions ran");
        assertTrue(retried.notConverged().isEmpty(), retried.notConverged().toString());
        assertFalse(Files.exists(onHost(NodeConfigurator.PENDING)));
    }

    @Test
    void aFailingCommandSaysWhichCommandAndWhatItPrinted() {
        commands.failing = START;

        HostSetupException e = assertThrows(HostSetupException.class,
                () -> configurator(bm1()).apply(Set.of(4, 5, 6, 7), 0));

        assertEquals("start the kubelet: `/bin/sh -c " + START + "` exited 1: Job for kubelet.service failed.", e.getMessage());
    }

    @Test
    void microVmMemoryTheHostCannotSpareIsAClearErrorBeforeAnythingIsTouched() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> configurator(bm1()).apply(Set.of(4, 5, 6, 7), 60_000));

        assertTrue(e.getMessage().startsWith("host bm1: reservedMemory:"), e.getMessage());
        assertEquals(List.of(), commands.ran);
        try (Stream<Path> files = Files.list(root)) {
            assertEquals(List.of(), files.toList());
        }
    }

    private Path onHost(String path) {
        return root.resolve(path.substring(1));
    }

    /** Checkpoints as a kubelet that ran before leaves them. */
    private void checkpoints() throws IOException {
        for (String path : NodeConfigurator.CHECKPOINTS) {
            Files.createDirectories(onHost(path).getParent());
            Files.writeString(onHost(path), "{\"checksum\":1}");
        }
    }

    private SortedSet<Integer> reservedSystemCpus() throws IOException {
        Matcher m = Pattern.compile("(?m)^reservedSystemCPUs: \"([0-9,-]+)\"$").matcher(Files.readString(onHost(PINNING)));
        assertTrue(m.find(), "no reservedSystemCPUs in the pinning file");
        return new TreeSet<>(CpuList.parse(m.group(1)));
    }

    private static SortedSet<Integer> cpus(Integer... ids) {
        return new TreeSet<>(List.of(ids));
    }

    /** Records the shell line of every command; the one named {@link #failing} exits 1. */
    static final class Commands implements HostCommand {
        final List<String> ran = new ArrayList<>();
        String failing;

        @Override
        public Result run(List<String> argv, String input) {
            assertEquals(List.of("/bin/sh", "-c"), argv.subList(0, 2), "every command is a shell line");
            ran.add(argv.get(2));
            return argv.get(2).equals(failing) ? new Result(1, "Job for kubelet.service failed.\n") : new Result(0, "");
        }
    }
}
