package io.edgefleet.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The agent's own settings (deploy/agent/agent.conf documents each key for operators). */
@ConfigMapping(prefix = "edgefleet.agent")
public interface AgentConfig {
    /** The site this agent runs; it reads only this site's plans and speaks only for it. */
    String siteId();

    /** The site inventory file (hosts, NUMA nodes, capacity). */
    String inventoryFile();

    /**
     * Unset: this agent runs the whole site (every host's microVMs, through its driver). Set: it is
     * the agent of this inventory host: it runs the microVMs the plan puts on this host, the site's
     * own steps only when the plan names this host for them, and speaks for this host only.
     */
    Optional<String> hostId();

    /** Where the inventory of this agent's host comes from. */
    InventorySource inventory();

    /** How often the heartbeat with the host inventory is sent. */
    @WithDefault("5s")
    Duration heartbeatInterval();

    /**
     * A heartbeat carries the whole host inventory at least every this many beats (default 12: once
     * a minute at 5 s), and also on the first beat and whenever the inventory changed; the others
     * carry only its digest (ADR 0013). 1 sends every heartbeat in full, as agents before 0.2 did.
     */
    @WithDefault("12")
    int heartbeatFullEvery();

    /** How often the agent re-measures and repairs drift even without a new plan. */
    @WithDefault("10s")
    Duration reconcileInterval();

    /**
     * How many microVMs one reconcile run creates at once (each: its disk, tap and cgroup, then its VMM);
     * 1 creates them one after another.
     */
    @WithDefault("4")
    int parallelCreates();

    /** How often every measured microVM and cluster state is reported again, changed or not. */
    @WithDefault("5m")
    Duration reportRefreshInterval();

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

    /** The cluster side (Kubernetes API servers of the site's clusters). */
    ClusterSide cluster();

    /** Node images by digest (ADR 0034). */
    Images images();

    /** Settings of the node-image cache ({@code edgefleet.agent.images.*}). */
    interface Images {
        /**
         * The site's image mirror: an http(s) base URL inside the operator's network or a {@code file://} directory
         * (air-gapped sites), holding each image at {@code <base>/sha256/<hex>}. Set: a microVM whose plan names its
         * image by digest boots that image, fetched once into the driver's image directory and verified. Unset: every
         * microVM boots the configured base image ({@link #rootfsImage()}), as before.
         */
        Optional<String> mirror();

        /** How long fetching one image may take. */
        @WithDefault("30m")
        Duration fetchTimeout();
    }

    /** Identity: the key the agent signs every report with. */
    Identity identity();

    /** The keys placement signs plans with, which this agent trusts (ADR 0027). */
    PlanSigning planSigning();

    /** The kubelet and SR-IOV device plugin configuration of a bare-metal node host (docs/operate.md). */
    NodeConfig nodeConfig();

    /** Settings of the node configuration ({@code edgefleet.agent.node-config.*}). */
    interface NodeConfig {
        /**
         * true: while the plan makes this agent's host a Kubernetes node of a cluster (a bare-metal worker or an
         * NF host), the agent writes its kubelet pinning file, the kubelet's systemd drop-in and the SR-IOV
         * device plugin's config.json and restarts what changed. Needs {@code host-id}. Real host agents on node
         * hosts turn it on; default false (simulated and site-wide agents must not touch the machine they run on).
         */
        @WithDefault("false")
        boolean enabled();

        /** The directory the files' absolute paths are taken relative to (another only for tests). */
        @WithDefault("/")
        String root();

        /** Makes systemd re-read the kubelet's drop-in (a /bin/sh -c line). */
        @WithDefault(io.edgefleet.agent.nodeconfig.NodeServiceCommands.DAEMON_RELOAD)
        String daemonReloadCommand();

        /** Stops the kubelet before its checkpoints are removed. */
        @WithDefault(io.edgefleet.agent.nodeconfig.NodeServiceCommands.STOP_KUBELET)
        String kubeletStopCommand();

        /** Starts the kubelet again. */
        @WithDefault(io.edgefleet.agent.nodeconfig.NodeServiceCommands.START_KUBELET)
        String kubeletStartCommand();

        /** Makes the SR-IOV device plugin read its config.json again. */
        @WithDefault(io.edgefleet.agent.nodeconfig.NodeServiceCommands.RESTART_DEVICE_PLUGIN)
        String devicePluginRestartCommand();
    }

    /** Settings of the host inventory's discovery. */
    interface InventorySource {
        /**
         * true: this host's NUMA nodes, cores, memory, 1 GiB hugepages and VFs are read from the host
         * (the file keeps the rest); needs {@code host-id}. Default: true when {@code host-id} is set.
         */
        Optional<Boolean> discover();

        /** Root of sysfs to discover from (another path only for tests and captured trees). */
        @WithDefault("/sys")
        String sysRoot();

        /** Root of procfs to discover from. */
        @WithDefault("/proc")
        String procRoot();
    }

    /** Settings of the cluster side. */
    interface ClusterSide {
        /** {@code kubernetes} (fabric8 against each control plane) or {@code simulated} (no Kubernetes). */
        @WithDefault("simulated")
        String access();

        /** Where the admin kubeconfig of each cluster appears, as {@code <clusterId>.kubeconfig}. */
        @WithDefault("/var/lib/edgefleet-agent/kubeconfig")
        String kubeconfigDir();

        /**
         * How a microVM becomes a Kubernetes node: {@code kubeadm} (a cloud-init seed with kubeadm's configuration
         * and the cluster's secrets, for microVMs on a site network whose cluster has an endpoint; they wait for
         * the secrets) or {@code none} (boot the image plainly: images that bootstrap themselves, test guests).
         */
        @WithDefault("kubeadm")
        String bootstrap();

        /** Where the site-steps agent keeps each cluster's scheduled etcd snapshots ({@code <dir>/<clusterId>/}). */
        @WithDefault("/var/lib/edgefleet-agent/etcd-snapshots")
        String etcdSnapshotDir();

        /** How often a cluster's etcd is snapshotted. */
        @WithDefault("PT1H")
        java.time.Duration etcdSnapshotInterval();

        /** How many snapshots are kept per cluster (the newest ones). */
        @WithDefault("24")
        int etcdSnapshotKeep();

        /** Namespace of network-function pods before the team: a cluster of team-a gets {@code <this>-team-a}. */
        @WithDefault("edgefleet-nf")
        String nfNamespace();

        /**
         * Image of network-function pods; {@code {kind}} becomes upf, du or cu, or, for a request naming a vendor,
         * e.g. upf-acme (see {@code NfImages}).
         */
        @WithDefault("registry.edgefleet.local/nf/{kind}:stable")
        String nfImage();

        /** Explicit images by kind ({@code upf}) or kind and vendor ({@code upf/acme}), before {@link #nfImage()}. */
        Map<String, String> nfImages();

        /**
         * SR-IOV device-plugin resource prefix: pods request {@code <prefix>/sriov_<physnet>} (NfPods#resourceName).
         * A value from before, ending in {@code /sriov_}, means the same.
         */
        @WithDefault("intel.com")
        String sriovResourcePrefix();

        /** Each physnet's VLAN and addresses for network-function pods, by physnet name. */
        Map<String, Physnet> physnets();
    }

    /** A physnet in the site's address plan ({@code edgefleet.agent.cluster.physnets."<name>".*}). */
    interface Physnet {
        /** VLAN id the VFs tag with; untagged without. */
        Optional<Integer> vlan();

        /** CIDR the pods' addresses come from; no addresses (layer 2 only) without. */
        Optional<String> subnet();

        /** First address handed out. */
        Optional<String> rangeStart();

        /** Last address handed out. */
        Optional<String> rangeEnd();

        /** The subnet's gateway. */
        Optional<String> gateway();
    }

    /** Settings of plan verification ({@code edgefleet.agent.plan-signing.*}). */
    interface PlanSigning {
        /**
         * Files of placement's Ed25519 plan-signing public keys (X.509 PEM), comma-separated: during a key
         * rotation the old one and the new one. Set: only plans signed with one of them are applied. Empty:
         * every plan is applied unverified, with a warning (agents before ADR 0027 behaved so).
         */
        Optional<java.util.List<String>> publicKeys();
    }

    /** Settings of the agent's identity. */
    interface Identity {
        /**
         * PKCS#8 PEM file of the site's Ed25519 private key. Created on first start if absent (the
         * operator then enrolls the public key printed in the log and written beside it as {@code .pub}).
         * Empty: reports are not signed (local fleets only; placement drops them when it enforces signatures).
         */
        Optional<String> keyFile();
    }
}
