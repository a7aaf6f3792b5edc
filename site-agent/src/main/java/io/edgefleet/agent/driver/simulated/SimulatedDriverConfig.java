package io.edgefleet.agent.driver.simulated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Settings of the {@link SimulatedDriver}: timings, failure injection and the optional state file.
 * Read from flat properties by {@link #fromProperties}; every key is documented in
 * {@code deploy/agent/agent.conf} and under {@link #PREFIX}.
 *
 * @param bootTime                 time for one microVM to boot to init when it boots alone on its host
 *                                 (Firecracker: about 125 ms)
 * @param bootPenaltyPerConcurrent extra boot time per other microVM still booting on the same host
 *                                 at the moment this one starts (boots contend for CPU and disk)
 * @param stopTime                 time a graceful stop takes
 * @param awaitBoot                if true, {@code create} returns only after the boot ended (RUNNING or
 *                                 FAILED), like a real driver; if false it returns CREATING at once and
 *                                 the boot completes on the clock (for large fleet simulations)
 * @param failingHosts             hosts on which every boot fails
 * @param bootFailureProbability   probability that a boot fails on any host, in [0, 1]
 * @param hostBootFailureProbability per-host probabilities overriding the default one
 * @param seed                     seed of the failure draws: the same seed, ids and attempts fail the same way
 * @param stateFile                where the simulated microVMs are kept across agent restarts, or null
 *                                 for memory only
 */
public record SimulatedDriverConfig(Duration bootTime, Duration bootPenaltyPerConcurrent, Duration stopTime,
                                    boolean awaitBoot, Set<String> failingHosts, double bootFailureProbability,
                                    Map<String, Double> hostBootFailureProbability, long seed, Path stateFile) {

    /** Prefix of every property key. */
    public static final String PREFIX = "edgefleet.agent.driver.simulated.";
    /** Milliseconds to boot alone on a host (default 125). */
    public static final String BOOT_MILLIS = PREFIX + "boot-millis";
    /** Extra milliseconds per microVM booting concurrently on the same host (default 30). */
    public static final String BOOT_PENALTY_MILLIS = PREFIX + "boot-concurrency-penalty-millis";
    /** Milliseconds a graceful stop takes (default 50). */
    public static final String STOP_MILLIS = PREFIX + "stop-millis";
    /** true: create waits for the boot to end (default); false: create returns CREATING at once. */
    public static final String AWAIT_BOOT = PREFIX + "await-boot";
    /** Comma-separated host ids whose boots all fail (default none). */
    public static final String FAILING_HOSTS = PREFIX + "failing-hosts";
    /** Probability in [0, 1] that any boot fails (default 0). */
    public static final String BOOT_FAILURE_PROBABILITY = PREFIX + "boot-failure-probability";
    /** Per-host probabilities, {@code host=p,host=p} (default none). */
    public static final String HOST_BOOT_FAILURE_PROBABILITY = PREFIX + "host-boot-failure-probability";
    /** Seed of the failure draws (default 0). */
    public static final String SEED = PREFIX + "seed";
    /** Path of the state file; empty keeps state in memory only (default empty). */
    public static final String STATE_FILE = PREFIX + "state-file";

    public SimulatedDriverConfig {
        requireNonNegative(bootTime, "bootTime");
        requireNonNegative(bootPenaltyPerConcurrent, "bootPenaltyPerConcurrent");
        requireNonNegative(stopTime, "stopTime");
        failingHosts = failingHosts == null ? Set.of() : Set.copyOf(failingHosts);
        requireProbability(bootFailureProbability, "bootFailureProbability");
        hostBootFailureProbability = hostBootFailureProbability == null ? Map.of() : Map.copyOf(hostBootFailureProbability);
        hostBootFailureProbability.forEach((h, p) -> requireProbability(p, "probability of host " + h));
    }

    /** Firecracker-like timings, no failures, memory only. */
    public static SimulatedDriverConfig defaults() {
        return new SimulatedDriverConfig(Duration.ofMillis(125), Duration.ofMillis(30), Duration.ofMillis(50),
                true, Set.of(), 0.0, Map.of(), 0L, null);
    }

    /** Reads the keys above from flat properties; absent keys take their defaults, bad values fail with the key's name. */
    public static SimulatedDriverConfig fromProperties(Map<String, String> props) {
        SimulatedDriverConfig d = defaults();
        return new SimulatedDriverConfig(
                millis(props, BOOT_MILLIS, d.bootTime()),
                millis(props, BOOT_PENALTY_MILLIS, d.bootPenaltyPerConcurrent()),
                millis(props, STOP_MILLIS, d.stopTime()),
                Boolean.parseBoolean(props.getOrDefault(AWAIT_BOOT, "true").trim()),
                Arrays.stream(props.getOrDefault(FAILING_HOSTS, "").split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet()),
                number(props, BOOT_FAILURE_PROBABILITY, 0.0),
                hostProbabilities(props.getOrDefault(HOST_BOOT_FAILURE_PROBABILITY, "")),
                (long) number(props, SEED, 0),
                props.getOrDefault(STATE_FILE, "").isBlank() ? null : Path.of(props.get(STATE_FILE).trim()));
    }

    /** Same config with another state file. */
    public SimulatedDriverConfig withStateFile(Path file) {
        return new SimulatedDriverConfig(bootTime, bootPenaltyPerConcurrent, stopTime, awaitBoot, failingHosts,
                bootFailureProbability, hostBootFailureProbability, seed, file);
    }

    /** Same config with other failure injection. */
    public SimulatedDriverConfig withFailures(Set<String> hosts, double probability, Map<String, Double> perHost, long newSeed) {
        return new SimulatedDriverConfig(bootTime, bootPenaltyPerConcurrent, stopTime, awaitBoot, hosts,
                probability, perHost, newSeed, stateFile);
    }

    /** Same config with another boot-waiting mode. */
    public SimulatedDriverConfig withAwaitBoot(boolean await) {
        return new SimulatedDriverConfig(bootTime, bootPenaltyPerConcurrent, stopTime, await, failingHosts,
                bootFailureProbability, hostBootFailureProbability, seed, stateFile);
    }

    /**
     * Whether the given attempt to boot this microVM fails. Deterministic: drawn from the seed,
     * the id and the attempt number only, so concurrency and call order change nothing, while a
     * re-creation after delete (a new attempt) gets a new draw.
     */
    public boolean bootFails(String hostId, String microVmId, int attempt) {
        if (failingHosts.contains(hostId)) {
            return true;
        }
        double p = hostBootFailureProbability.getOrDefault(hostId, bootFailureProbability);
        if (p <= 0) {
            return false;
        }
        long mixed = seed * 0x9E3779B97F4A7C15L + microVmId.hashCode() * 31L + attempt;
        return new SplittableRandom(mixed).nextDouble() < p;
    }

    private static Duration millis(Map<String, String> props, String key, Duration fallback) {
        String v = props.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        long ms = (long) number(props, key, 0);
        if (ms < 0) {
            throw new IllegalArgumentException(key + " must not be negative, got " + v);
        }
        return Duration.ofMillis(ms);
    }

    private static double number(Map<String, String> props, String key, double fallback) {
        String v = props.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
        }
    }

    private static Map<String, Double> hostProbabilities(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException(HOST_BOOT_FAILURE_PROBABILITY + ": expected host=probability, got '" + part.trim() + "'");
            }
            try {
                out.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(HOST_BOOT_FAILURE_PROBABILITY + ": not a number in '" + part.trim() + "'");
            }
        }
        return out;
    }

    private static void requireNonNegative(Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be a non-negative duration, got " + d);
        }
    }

    private static void requireProbability(double p, String what) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(what + " must be within [0, 1], got " + p);
        }
    }
}
