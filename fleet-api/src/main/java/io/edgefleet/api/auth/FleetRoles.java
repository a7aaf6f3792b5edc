package io.edgefleet.api.auth;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The roles of edgefleet: {@code fleet-admin} (everything) and {@code team:<name>} (that team's
 * clusters and network functions), taken from the token's {@code groups} claim. A caller with
 * either gets the derived role {@code fleet-user}, which every API endpoint requires: a valid
 * token without a fleet role is answered 403, no token 401.
 */
@ApplicationScoped
public class FleetRoles implements SecurityIdentityAugmentor {
    public static final String ADMIN = "fleet-admin";
    public static final String TEAM_PREFIX = "team:";
    public static final String USER = "fleet-user";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getRoles().stream().noneMatch(FleetRoles::isFleetRole)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRole(USER).build());
    }

    static boolean isFleetRole(String role) {
        return ADMIN.equals(role) || (role.startsWith(TEAM_PREFIX) && role.length() > TEAM_PREFIX.length());
    }
}
