package io.edgefleet.localstack.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deploy/local/fleet token --team <name>} or {@code --admin}: prints a bearer token that the
 * local stack's fleet-api accepts, on the last line. Signed RS256 with the DEV-ONLY key pair in
 * {@code deploy/local/dev-keys/}; the groups claim carries {@code team:<name>} or {@code fleet-admin}.
 */
@Command(name = "token", description = "Prints a bearer token for the local stack's fleet-api (last line).")
public final class TokenCommand implements Callable<Integer> {
    /** The issuer fleet-api expects ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "https://edgefleet.local/dev";

    static final class Who {
        @Option(names = "--team", description = "A token of this team (role team:<name>).")
        String team;
        @Option(names = "--admin", description = "A fleet-admin token (sees and changes every team's clusters).")
        boolean admin;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    @Option(names = "--hours", defaultValue = "12", description = "Validity in hours (default ${DEFAULT-VALUE}).")
    int hours;

    @Override
    public Integer call() throws Exception {
        if (hours < 1 || hours > 24 * 30) {
            System.err.println("--hours must be between 1 and 720");
            return 2;
        }
        Duration ttl = Duration.ofHours(hours);
        String token = who.admin ? admin(FleetCommand.repo(), ttl) : team(FleetCommand.repo(), who.team, ttl);
        System.err.println("# " + (who.admin ? "fleet-admin" : "team:" + who.team) + " token for the local stack, valid "
                + hours + " h; use: export FLEETCTL_TOKEN=$(deploy/local/fleet token ... | tail -1)");
        System.out.println(token);
        return 0;
    }

    /** A fleet-admin token signed with the dev key of {@code repo}. */
    public static String admin(Path repo, Duration ttl) throws IOException, GeneralSecurityException {
        return mint(devKey(repo), "fleet-admin", List.of("fleet-admin"), ttl);
    }

    /** A token of one team signed with the dev key of {@code repo}. */
    public static String team(Path repo, String team, Duration ttl) throws IOException, GeneralSecurityException {
        if (team == null || !team.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new IllegalArgumentException("a team is a DNS label such as team-a (got \"" + team + "\")");
        }
        return mint(devKey(repo), team + "-user", List.of("team:" + team), ttl);
    }

    static Path devKey(Path repo) {
        return repo.resolve("deploy/local/dev-keys/privateKey.pem");
    }

    /** A compact JWS (RS256) with subject, groups, issuer, issued-at, expiry and a unique id. */
    public static String mint(Path privateKeyPem, String subject, List<String> groups, Duration ttl)
            throws IOException, GeneralSecurityException {
        Instant now = Instant.now();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\","
                + "\"groups\":[" + groups.stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(",")) + "],"
                + "\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plus(ttl).getEpochSecond() + ","
                + "\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(readPrivateKey(privateKeyPem));
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64(rsa.sign());
    }

    private static PrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem);
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException(pem + " is not a PKCS#8 PEM private key");
        }
        String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
