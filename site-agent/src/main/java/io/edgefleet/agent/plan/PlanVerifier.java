package io.edgefleet.agent.plan;

import io.edgefleet.events.identity.PlanSignatureVerifier;
import io.edgefleet.events.identity.SiteKeys;
import io.edgefleet.events.plan.SitePlan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Whether a plan read from the plan topic may be applied (ADR 0027). The agent runs as root and does what
 * its plan says, so with placement's public keys configured it applies only plans signed with one of them
 * ({@code ce_edgefleetsig}); and, keys or not, only a plan newer than the one it applied: the same version
 * again is a replay, a lower one older. Every refusal is counted in
 * {@code fleet_agent_plans_refused_total{reason}} (unsigned, bad_signature, unknown_key, replayed, older;
 * registered at zero) and logged, at most one line per reason a minute.
 *
 * <p>Without keys every plan is applied unverified, each with a warning: refusing all of them would stop
 * every site whose agent is upgraded before it is given keys, and agents before ADR 0027 applied them too.
 */
public final class PlanVerifier {
    private static final Logger LOG = Logger.getLogger(PlanVerifier.class);
    /** The counter of refused plans, by reason. */
    public static final String REFUSED = "fleet_agent_plans_refused_total";
    private static final long LOG_EVERY = TimeUnit.MINUTES.toNanos(1);

    /** Why a plan was not applied; {@link #label()} is the metric's tag. */
    public enum Refusal {
        /** No signature, while this agent verifies plans. */
        UNSIGNED,
        /** A signature that does not verify with the key it names: forged, or the plan was altered. */
        BAD_SIGNATURE,
        /** Signed with a key this agent does not trust. */
        UNKNOWN_KEY,
        /** The version this agent applied already, again. */
        REPLAYED,
        /** A lower version than the one this agent applied. */
        OLDER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final PlanSignatureVerifier signatures;
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);
    private final Map<Refusal, long[]> logWindows = new EnumMap<>(Refusal.class);

    /** @param trusted placement's public keys; empty: plans are not verified */
    PlanVerifier(List<PublicKey> trusted, MeterRegistry meters) {
        this.signatures = trusted.isEmpty() ? null : new PlanSignatureVerifier(trusted);
        for (Refusal r : Refusal.values()) {
            refused.put(r, Counter.builder(REFUSED).description("Plans read for this site and not applied: unsigned,"
                    + " not signed by a trusted placement key, or not newer than the plan applied")
                    .tag("reason", r.label()).register(meters));
        }
        if (signatures == null) {
            LOG.warn("plans are applied UNVERIFIED: anyone who can write to the plan topic can tell this agent what"
                    + " to run. Set edgefleet.agent.plan-signing.public-keys to placement's plan-signing public key");
        } else {
            LOG.infof("applying only plans signed by placement's key %s", String.join(" or ", signatures.keyIds()));
        }
    }

    /**
     * The verifier of the configured public key files (empty or absent: plans are not verified).
     *
     * @throws IllegalArgumentException naming the file, if one cannot be read or holds no Ed25519 public key
     */
    public static PlanVerifier of(Optional<List<String>> keyFiles, MeterRegistry meters) {
        List<PublicKey> keys = new ArrayList<>();
        for (String name : keyFiles.orElse(List.of())) {
            if (!name.isBlank()) {
                keys.add(read(Path.of(name.strip())));
            }
        }
        return new PlanVerifier(keys, meters);
    }

    /** Whether plans must carry a trusted signature. */
    public boolean verifying() {
        return signatures != null;
    }

    /**
     * Whether this site's plan, read from the record at {@code where}, may be applied; a refusal is counted
     * and logged.
     *
     * @param appliedVersion the version of the newest plan applied (-1 before the first)
     */
    public boolean admit(Map<String, String> headers, String recordKey, byte[] value, SitePlan plan, long appliedVersion,
                         String where) {
        String why = null;
        Refusal refusal = null;
        if (signatures != null) {
            PlanSignatureVerifier.Verdict v = signatures.verify(headers, recordKey, value, plan.version());
            if (!v.valid()) {
                refusal = switch (v.reason()) {
                    case UNSIGNED -> Refusal.UNSIGNED;
                    case UNKNOWN_KEY -> Refusal.UNKNOWN_KEY;
                    default -> Refusal.BAD_SIGNATURE;
                };
                why = v.message();
            }
        }
        if (refusal == null && plan.version() <= appliedVersion) {
            refusal = plan.version() == appliedVersion ? Refusal.REPLAYED : Refusal.OLDER;
            why = "version " + plan.version() + (refusal == Refusal.REPLAYED ? " is the one applied already"
                    : " is older than version " + appliedVersion + ", the one applied");
        }
        if (refusal == null) {
            if (signatures == null) {
                LOG.warnf("applying plan %d of site %s UNVERIFIED (no edgefleet.agent.plan-signing.public-keys)",
                        plan.version(), plan.siteId());
            }
            return true;
        }
        refused.get(refusal).increment();
        log(refusal, "plan " + plan.version() + " of site " + plan.siteId() + " at " + where + " REFUSED ("
                + refusal.label() + "): " + why);
        return false;
    }

    private void log(Refusal refusal, String line) {
        long now = System.nanoTime();
        long suppressed;
        synchronized (logWindows) {
            long[] w = logWindows.computeIfAbsent(refusal, r -> new long[2]); // {logged at, suppressed since}
            if (w[0] != 0 && now - w[0] < LOG_EVERY) {
                w[1]++;
                return;
            }
            suppressed = w[1];
            w[0] = now;
            w[1] = 0;
        }
        LOG.warn(suppressed == 0 ? line : line + " (" + suppressed + " more refused as " + refusal.label()
                + " in the last minute not logged)");
    }

    private static PublicKey read(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("plan-signing public key file " + file + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
        try {
            return SiteKeys.parsePublicKey(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("plan-signing public key file " + file
                    + " holds no Ed25519 public key in PEM");
        }
    }
}
