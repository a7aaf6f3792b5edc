package io.edgefleet.placement.engine;

/**
 * Fleet-wide limits of a team, and what it already holds. The placement service computes
 * {@code used} over all sites (quotas hold across the fleet); the engine checks that a decision
 * keeps every dimension it increases within its limit.
 *
 * @param team  team id
 * @param limit maximum per dimension
 * @param used  held now, fleet-wide
 */
public record TeamQuota(String team, TeamUsage limit, TeamUsage used) {

    private static final TeamUsage NO_LIMIT = new TeamUsage(Long.MAX_VALUE, Long.MAX_VALUE,
            Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    /** A team without limits. */
    public static TeamQuota unlimited(String team) {
        return new TeamQuota(team, NO_LIMIT, TeamUsage.NONE);
    }

    /**
     * Null when {@code delta} fits the quota, else a sentence naming the first exceeded
     * dimension. Dimensions that the delta does not increase are never blamed, so a team
     * already over quota (limit lowered) can still shrink.
     */
    String exceeded(TeamUsage delta) {
        String[] names = {"vCPU", "MiB memory", "pinned cores", "hugepages", "bare-metal hosts"};
        long[] d = {delta.vcpu(), delta.memoryMib(), delta.pinnedCores(), delta.hugepages(),
            delta.bareMetalHosts()};
        long[] u = {used.vcpu(), used.memoryMib(), used.pinnedCores(), used.hugepages(),
            used.bareMetalHosts()};
        long[] l = {limit.vcpu(), limit.memoryMib(), limit.pinnedCores(), limit.hugepages(),
            limit.bareMetalHosts()};
        for (int i = 0; i < d.length; i++) {
            if (d[i] > 0 && u[i] + d[i] > l[i]) {
                return "team " + team + " quota exceeded: needs " + d[i] + " " + names[i]
                        + " but only " + Math.max(0, l[i] - u[i]) + " of " + l[i] + " are left";
            }
        }
        return null;
    }
}
