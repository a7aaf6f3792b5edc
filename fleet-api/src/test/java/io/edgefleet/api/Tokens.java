package io.edgefleet.api;

import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Set;

/** Bearer tokens for tests, signed with the test key pair fleet-api trusts in the test profile (or not). */
public final class Tokens {
    static final String ISSUER = "https://edgefleet.local/dev";

    private Tokens() {
    }

    public static String team(String team) {
        return Jwt.issuer(ISSUER).upn(team + "-user").groups(Set.of("team:" + team)).expiresIn(3600).sign();
    }

    public static String admin() {
        return Jwt.issuer(ISSUER).upn("admin").groups(Set.of("fleet-admin")).expiresIn(3600).sign();
    }

    /** Valid, but grants no fleet role. */
    public static String noFleetRole() {
        return Jwt.issuer(ISSUER).upn("someone").groups(Set.of("viewer")).expiresIn(3600).sign();
    }

    public static String expired() {
        Instant past = Instant.now().minusSeconds(7200);
        return Jwt.issuer(ISSUER).upn("admin").groups(Set.of("fleet-admin")).issuedAt(past)
                .expiresAt(past.plusSeconds(600)).sign();
    }

    public static String wrongIssuer() {
        return Jwt.issuer("https://somewhere.else").upn("admin").groups(Set.of("fleet-admin")).expiresIn(3600).sign();
    }

    /** Signed with a key fleet-api does not know. */
    public static String foreignKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER).upn("admin").groups(Set.of("fleet-admin")).expiresIn(3600)
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
