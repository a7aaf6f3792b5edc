package io.edgefleet.agent.driver.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The host tap device name of a microVM's interface. Linux limits interface names to 15 bytes while a
 * microVM id may have 64, so the name is {@code ef} plus 13 hex digits of the SHA-256 of id and
 * interface: stable across agent restarts (it is how a tap is found again) and unique in practice
 * (2^52 names; a collision is detected, since {@link TapDevices} refuses a tap that exists for another VM).
 */
public final class TapNames {
    /** Linux's IFNAMSIZ is 16 including the terminating NUL. */
    public static final int MAX_LENGTH = 15;

    private TapNames() {
    }

    public static String of(String microVmId, String ifaceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((microVmId + "/" + ifaceId).getBytes(StandardCharsets.UTF_8));
            return "ef" + HexFormat.of().formatHex(digest).substring(0, MAX_LENGTH - 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
