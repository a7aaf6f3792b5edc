package io.edgefleet.agent.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The seed's meta-data. cloud-init runs its once-per-instance modules (write_files, runcmd) again only when the
 * instance-id changes, so the id is the microVM id plus a short hash of the seed's user-data and
 * network-config: a microVM given a changed seed is a new instance and bootstraps from it, and a reboot with
 * the same seed bootstraps nothing twice.
 */
final class MetaData {
    private static final int HASH_HEX_DIGITS = 12;

    private MetaData() {
    }

    static String render(String microVmId, String userData, String networkConfig) {
        ObjectNode root = Yaml.object();
        root.put("instance-id", instanceId(microVmId, userData, networkConfig));
        root.put("local-hostname", microVmId);
        return Yaml.write(root);
    }

    static String instanceId(String microVmId, String userData, String networkConfig) {
        MessageDigest sha256 = sha256();
        sha256.update(userData.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(networkConfig.getBytes(StandardCharsets.UTF_8));
        return microVmId + "-" + HexFormat.of().formatHex(sha256.digest()).substring(0, HASH_HEX_DIGITS);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
