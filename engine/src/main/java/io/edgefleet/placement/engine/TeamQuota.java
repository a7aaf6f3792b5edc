package io.edgefleet.placement.engine;

/**
 * Fleet-wide limits of a team, and what it already holds. The placement service computes
 * {@code used} over all sites (quotas hold across the fleet); the engine checks that a decision
 * keeps every dimension it increases within its limit.
 *
 * @param team  team id
 * @param limit maximum per dimension ({@link Long#MAX_VALUE}: no limit)
 * @param used  held now, fleet-wide
 */
public record TeamQuota(String team, TeamUsage limit, TeamUsage used) {

    /** The limit of a dimension without one. */
    public static final long NONE = Long.MAX_VALUE;

    private static final TeamUsage NO_LIMIT = new TeamUsage(NONE, NONE, NONE, NONE, NONE, NONE);

    /** A team without limits. */
    public static TeamQuota unlimited(String team) {
        return new TeamQuota(team, NO_LIMIT, TeamUsage.NONE);
    }

    /** This quota with {@code delta} more held (e.g. what earlier decisions of the same batch took). */
    public TeamQuota plusUsed(TeamUsage delta) {
        return new TeamQuota(team, limit, used.plus(delta));
    }

    /**
     * Null when {@code delta} fits the quota, else a sentence naming the first exceeded dimension
     * with what the decision needs and what the team uses of its limit, e.g. "team ran-core quota
     * exceeded: vcpu needs 8, used 60 of 64". Dimensions that the delta does not increase are never
     * blamed, so a team already over quota (limit lowered) can still shrink.
     */
    public String exceeded(TeamUsage delta) {
        String[] names = {"clusters", "vcpu", "memory-mib", "pinned-cores", "hugepages", "bare-metal-hosts"};
        long[] d = {delta.clusters(), delta.vcpu(), delta.memoryMib(), delta.pinnedCores(), delta.hugepages(),
            delta.bareMetalHosts()};
        long[] u = {used.clusters(), used.vcpu(), used.memoryMib(), used.pinnedCores(), used.hugepages(),
            used.bareMetalHosts()};
        long[] l = {limit.clusters(), limit.vcpu(), limit.memoryMib(), limit.pinnedCores(), limit.hugepages(),
            limit.bareMetalHosts()};
        for (int i = 0; i < d.length; i++) {
            // Subtraction, not u + d: a limit of Long.MAX_VALUE must not overflow into a refusal.
            if (d[i] > 0 && d[i] > l[i] - u[i]) {
                return "team " + team + " quota exceeded: " + names[i] + " needs " + d[i] + ", used " + u[i]
                        + " of " + l[i];
            }
        }
        return null;
    }
}
