package io.edgefleet.agent.etcd;

import java.util.Locale;

/** Peer URLs compared the way etcd compares them in practice: scheme and host case-insensitive, no trailing slash. */
final class PeerUrls {
    private PeerUrls() {
    }

    static String normalize(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u.toLowerCase(Locale.ROOT);
    }
}
