package io.edgefleet.agent.bootstrap;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The certificates and keys a node gets under {@code /etc/kubernetes/pki}, by path relative to that directory
 * ({@code ca.crt}, {@code etcd/ca.key}, ...). Only PEM files named {@code .crt}, {@code .pub} or {@code .key}
 * are accepted, so every file's mode follows from its name: keys are readable by root only, certificates
 * and public keys by everyone, as kubeadm writes them.
 */
final class PkiFiles {
    static final String KEY_MODE = "0600";
    static final String PUBLIC_MODE = "0644";

    /** Segments start with a letter or digit: no absolute paths, no {@code ..}, nothing hidden. */
    private static final Pattern RELATIVE_PATH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");

    private PkiFiles() {
    }

    /** The files checked and sorted by path (so the same files always render the same seed). */
    static SortedMap<String, String> checked(Map<String, String> files, NodeBootstrapRole role) {
        SortedMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : (files == null ? Map.<String, String>of() : files).entrySet()) {
            String path = e.getKey();
            if (path == null || !RELATIVE_PATH.matcher(path).matches()) {
                throw new IllegalArgumentException("pkiFiles: every path must be relative to " + BootstrapDefaults.PKI_DIR
                        + ", like ca.crt or etcd/ca.key");
            }
            mode(path);
            if (e.getValue() == null || !e.getValue().contains("-----BEGIN ")) {
                throw new IllegalArgumentException("pkiFiles[" + path + "] must be PEM");
            }
            if (role == NodeBootstrapRole.JOIN_WORKER && isKey(path)) {
                throw new IllegalArgumentException("pkiFiles[" + path + "]: a worker gets no private key");
            }
            sorted.put(path, e.getValue());
        }
        if (role == NodeBootstrapRole.INIT && !(sorted.containsKey("ca.crt") && sorted.containsKey("ca.key"))) {
            // Without them kubeadm would make a CA of its own, and the joining nodes pin ours.
            throw new IllegalArgumentException("pkiFiles must hold ca.crt and ca.key for the init node");
        }
        return Collections.unmodifiableSortedMap(sorted);
    }

    /** The file mode a PKI file is written with. */
    static String mode(String path) {
        if (isKey(path)) {
            return KEY_MODE;
        }
        if (path.endsWith(".crt") || path.endsWith(".pub")) {
            return PUBLIC_MODE;
        }
        throw new IllegalArgumentException("pkiFiles[" + path + "] must end in .crt, .pub or .key");
    }

    private static boolean isKey(String path) {
        return path.endsWith(".key");
    }
}
