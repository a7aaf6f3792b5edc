package io.edgefleet.api.auth;

import io.edgefleet.api.rest.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Who calls, and which teams' clusters and network functions they may see and change. */
@RequestScoped
public class Caller {
    @Inject
    SecurityIdentity identity;

    public boolean admin() {
        return identity.hasRole(FleetRoles.ADMIN);
    }

    /** The teams of the caller's {@code team:<name>} roles. */
    public Set<String> teams() {
        Set<String> teams = new TreeSet<>();
        for (String role : identity.getRoles()) {
            if (role.startsWith(FleetRoles.TEAM_PREFIX) && role.length() > FleetRoles.TEAM_PREFIX.length()) {
                teams.add(role.substring(FleetRoles.TEAM_PREFIX.length()));
            }
        }
        return teams;
    }

    public String name() {
        return identity.getPrincipal() == null ? "anonymous" : identity.getPrincipal().getName();
    }

    /** True when the caller may see and change {@code team}'s resources. */
    public boolean mayAccess(String team) {
        return admin() || (team != null && teams().contains(team));
    }

    /** Answers 403 unless the caller may act for {@code team}. */
    public void requireTeam(String team, String what) {
        if (!mayAccess(team)) {
            throw new ProblemException(403, "Forbidden", name() + " may not " + what + ": it belongs to team "
                    + team + ", and this token grants " + grants(), List.of());
        }
    }

    private String grants() {
        if (admin()) {
            return FleetRoles.ADMIN;
        }
        Set<String> teams = teams();
        return teams.isEmpty() ? "no team" : "only team(s) " + String.join(", ", teams);
    }
}
