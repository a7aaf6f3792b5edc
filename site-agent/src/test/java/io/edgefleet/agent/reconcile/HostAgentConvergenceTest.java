package io.edgefleet.agent.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgefleet.agent.cluster.NfPods;
import io.edgefleet.agent.cluster.SimulatedClusterAccess;
import io.edgefleet.agent.driver.HostRoutingDriver;
import io.edgefleet.agent.driver.MicroVmDriver;
import io.edgefleet.agent.driver.MicroVmStatus;
import io.edgefleet.agent.driver.simulated.SimulatedDriver;
import io.edgefleet.agent.driver.simulated.SimulatedDriverConfig;
import io.edgefleet.events.plan.PlannedMicroVm;
import io.edgefleet.events.plan.SitePlan;
import io.edgefleet.events.report.BootstrapState;
import io.edgefleet.events.report.ClusterBootstrapReported;
import io.edgefleet.events.report.MicroVmStateChanged;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One agent per host over one site plan: each converges and reports the microVMs planned on its own
 * host, and only the host the plan names (the lowest host id when it names none) runs the
 * site-level steps and reports the clusters.
 */
class HostAgentConvergenceTest {
    private static final List<String> HOSTS = List.of("h1", "h2", "h3", "bm1");

    final Plans.TestClock clock = new Plans.TestClock();
    /** Each host's own driver: it measures and runs that host's microVMs only. */
    final Map<String, SimulatedDriver> drivers = new LinkedHashMap<>();
    final Map<String, Plans.Sink> sinks = new LinkedHashMap<>();
    final Map<String, Convergence> agents = new LinkedHashMap<>();
    /** The clusters' API servers, reached over the network: they see the nodes of every host. */
    final SimulatedClusterAccess clusters;

    HostAgentConvergenceTest() {
        for (String host : HOSTS) {
            drivers.put(host, new SimulatedDriver(Plans.inventory(), SimulatedDriverConfig.defaults(), clock));
        }
        clusters = new SimulatedClusterAccess(new HostRoutingDriver(Map.copyOf(drivers)));
        for (String host : HOSTS) {
            sinks.put(host, new Plans.Sink());
            agents.put(host, new Convergence(Plans.SITE, HostScope.host(host, Plans.inventory(), "site.json"),
                    new Target(drivers.get(host), clusters), new ReconcilePlanner("/img/vmlinux",
                    "/img/node-{version}.ext4", new NfPods("nf", "nf/{kind}:1", "intel.com/sriov_")), sinks.get(host)));
        }
    }

    static SitePlan named(SitePlan plan, String siteStepsHostId) {
        return new SitePlan(plan.siteId(), plan.version(), plan.generatedAt(), plan.microVms(), plan.clusters(),
                plan.networkFunctions(), siteStepsHostId, null);
    }

    /** Runs every host's agent once, in host order; what each performed. */
    Map<String, List<String>> runAll(SitePlan plan) {
        Map<String, List<String>> performed = new LinkedHashMap<>();
        agents.forEach((host, agent) -> performed.put(host, agent.run(plan).performed()));
        return performed;
    }

    List<ClusterBootstrapReported> clusterReports(String host) {
        return sinks.get(host).of(ClusterBootstrapReported.class);
    }

    void clearSinks() {
        sinks.values().forEach(Plans.Sink::clear);
    }

    @Test
    void eachHostCreatesAndReportsItsOwnMicroVmsAndOnlyTheNamedHostRunsTheSiteSteps() {
        SitePlan plan = named(Plans.plan(1, "c1"), "h2");

        Map<String, List<String>> first = runAll(plan);

        assertEquals(List.of("create microVM c1-cp-0 on h1"), first.get("h1"));
        assertEquals(List.of("create microVM c1-cp-1 on h2"), first.get("h2"), "h3's microVM did not run yet: no API server");
        assertEquals(List.of("create microVM c1-cp-2 on h3"), first.get("h3"));
        assertEquals(List.of(), first.get("bm1"));
        for (String host : List.of("h1", "h2", "h3")) {
            assertEquals(Set.of(host), drivers.get(host).list().stream().map(MicroVmStatus::hostId).collect(Collectors.toSet()),
                    "the driver of " + host + " holds only its own microVM");
            List<MicroVmStateChanged> vms = sinks.get(host).of(MicroVmStateChanged.class);
            assertEquals(1, vms.size(), host + " reports its own microVM only: " + vms);
            assertEquals(host, vms.get(0).hostId());
        }
        assertEquals(List.of(BootstrapState.BOOTSTRAPPING), clusterReports("h2").stream()
                .map(ClusterBootstrapReported::state).toList());
        assertEquals("2 of 3 control-plane microVMs run", clusterReports("h2").get(0).reason(),
                "measured through the API server's side: the site-steps host cannot see h3's microVM");
        for (String host : List.of("h1", "h3", "bm1")) {
            assertEquals(List.of(), clusterReports(host), host + " does not speak for the cluster");
        }

        clearSinks();
        Map<String, List<String>> second = runAll(plan);

        assertEquals(List.of("label and taint node c1-cp-0 of cluster c1", "label and taint node c1-cp-1 of cluster c1",
                "label and taint node c1-cp-2 of cluster c1"), second.get("h2"));
        assertEquals(Map.of("h1", List.of(), "h3", List.of(), "bm1", List.of()),
                Map.of("h1", second.get("h1"), "h3", second.get("h3"), "bm1", second.get("bm1")));
        ClusterBootstrapReported ready = clusterReports("h2").get(0);
        assertEquals(BootstrapState.READY, ready.state());
        assertEquals(3, ready.readyNodes());
        assertTrue(agents.values().stream().allMatch(a -> a.run(plan).converged()), "every host converged its part");
    }

    @Test
    void removalsTouchOnlyTheHostsOwnMicroVmsAndDeletedReportsNameIt() {
        runAll(named(Plans.plan(1, "c1"), "h1"));
        clearSinks();

        Map<String, List<String>> performed = runAll(named(Plans.plan(2, "c2"), "h1"));

        for (int i = 0; i < 3; i++) {
            String host = "h" + (i + 1);
            assertEquals(List.of("create microVM c2-cp-" + i + " on " + host, "stop microVM c1-cp-" + i,
                    "delete microVM c1-cp-" + i), performed.get(host));
            MicroVmStateChanged deleted = sinks.get(host).of(MicroVmStateChanged.class).stream()
                    .filter(r -> r.state() == io.edgefleet.events.report.MicroVmState.DELETED).findFirst().orElseThrow();
            assertEquals("c1-cp-" + i, deleted.microVmId());
            assertEquals(host, deleted.hostId());
        }
    }

    @Test
    void renamingTheSiteStepsHostMovesTheClusterStepsAndReportsToIt() {
        SitePlan v1 = named(Plans.plan(1, "c1"), "h2");
        runAll(v1);
        runAll(v1);
        clearSinks();

        List<PlannedMicroVm> cps = Plans.controlPlane("c1", 3);
        SitePlan v2 = new SitePlan(Plans.SITE, 2, null, cps, List.of(Plans.cluster("c1", cps, List.of("bm1"))),
                List.of(Plans.upf("upf-1", "c1")), "h3", null);
        Map<String, List<String>> performed = runAll(v2);

        assertEquals(List.of(), performed.get("h2"), "no longer the site-steps host");
        assertTrue(performed.get("h3").contains("let workers join cluster c1"), performed.get("h3").toString());
        assertTrue(performed.get("h3").contains("place pod upf-1-0 of network function upf-1 on bm1"),
                performed.get("h3").toString());
        assertEquals(List.of(), clusterReports("h2"));
        assertEquals(List.of(BootstrapState.READY), clusterReports("h3").stream().map(ClusterBootstrapReported::state)
                .toList(), "the new site-steps host reports the cluster at once, not only on a change");
        assertEquals("Running", clusters.observe(v2.clusters().get(0)).pod("upf-1-0").orElseThrow().phase());

        clearSinks();
        SitePlan v3 = new SitePlan(Plans.SITE, 3, null, cps, v2.clusters(), v2.networkFunctions(), "h2", null);
        runAll(v3);
        assertEquals(1, clusterReports("h2").size(), "named again, h2 reports afresh");
        assertEquals(List.of(), clusterReports("h3"));
    }

    @Test
    void withoutANamedHostTheLowestHostIdOfTheInventoryRunsTheSiteSteps() {
        SitePlan plan = Plans.plan(1, "c1"); // siteStepsHostId null
        runAll(plan);
        runAll(plan);

        assertEquals(BootstrapState.READY, clusterReports("bm1").get(clusterReports("bm1").size() - 1).state(),
                "bm1 is the lowest host id of the site");
        for (String host : List.of("h1", "h2", "h3")) {
            assertEquals(List.of(), clusterReports(host));
        }
    }

    @Test
    void aHostIdOutsideTheInventoryIsRefusedWithTheSitesHosts() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HostScope.host("h9", Plans.inventory(), "site.json"));
        assertEquals("edgefleet.agent.host-id=h9 is not a host of site site-t in site.json (its hosts: [h1, h2, h3, bm1])",
                e.getMessage());
    }

    @Test
    void aSiteWideAgentStillRunsEverything() {
        MicroVmDriver site = new SimulatedDriver(Plans.inventory(), SimulatedDriverConfig.defaults(), clock);
        Plans.Sink sink = new Plans.Sink();
        Convergence agent = new Convergence(Plans.SITE, new Target(site, new SimulatedClusterAccess(site)),
                new ReconcilePlanner("/k", "/r", new NfPods("nf", "nf/{kind}:1", "intel.com/sriov_")), sink);
        SitePlan plan = named(Plans.plan(1, "c1"), "h2"); // the name is for host agents only

        agent.run(plan);

        assertEquals(3, site.list().size());
        assertEquals(BootstrapState.READY, sink.of(ClusterBootstrapReported.class).get(0).state());
    }
}
