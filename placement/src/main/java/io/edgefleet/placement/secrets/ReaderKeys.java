package io.edgefleet.placement.secrets;

import io.edgefleet.pki.Recipient;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The central readers every cluster's secrets are sealed for, from {@code edgefleet.placement.secrets.readers}:
 * {@code name=<base64 X25519 public key>} entries separated by commas, e.g. {@code fleet-api=q0j...=}; each
 * becomes recipient {@code reader:<name>}. Only public keys are configured here.
 */
final class ReaderKeys {
    static final String PREFIX = "reader:";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private ReaderKeys() {
    }

    /** The readers of the setting (empty or blank: none). */
    static List<Recipient> parse(String setting) {
        List<Recipient> readers = new ArrayList<>();
        if (setting == null || setting.isBlank()) {
            return readers;
        }
        for (String entry : setting.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("edgefleet.placement.secrets.readers: expected name=<base64 X25519"
                        + " public key>, got an entry without a name");
            }
            String name = trimmed.substring(0, eq).trim();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("edgefleet.placement.secrets.readers: reader name '" + name
                        + "' is not lower-case letters, digits and dashes");
            }
            readers.add(new Recipient(PREFIX + name, publicKey(name, trimmed.substring(eq + 1).trim())));
        }
        if (readers.stream().map(Recipient::id).distinct().count() != readers.size()) {
            throw new IllegalArgumentException("edgefleet.placement.secrets.readers names a reader twice");
        }
        return readers;
    }

    private static byte[] publicKey(String name, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("edgefleet.placement.secrets.readers: the key of reader " + name
                    + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("edgefleet.placement.secrets.readers: the key of reader " + name
                    + " has " + key.length + " bytes, an X25519 public key has 32");
        }
        return key;
    }
}
