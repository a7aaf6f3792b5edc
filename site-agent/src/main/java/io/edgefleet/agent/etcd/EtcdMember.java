package io.edgefleet.agent.etcd;

import java.util.List;

/**
 * One member as etcd lists it. etcd fills {@code name} and {@code clientUrls} only once the member's
 * process has started and published itself, so an empty name means "added, not started yet".
 *
 * @param id etcd's member ID, an unsigned 64-bit number kept as the decimal text etcd's JSON API uses
 *           (a Java long would print it negative for half of all IDs)
 * @param name the member's name, for our control planes the microVM id; empty until it starts
 */
public record EtcdMember(String id, String name, List<String> peerUrls, List<String> clientUrls, boolean learner) {

    public EtcdMember {
        name = name == null ? "" : name;
        peerUrls = List.copyOf(peerUrls);
        clientUrls = List.copyOf(clientUrls);
    }

    /** The member's process runs and has published its name and client URLs to the cluster. */
    public boolean started() {
        return !name.isEmpty();
    }

    /** Whether this member was added with {@code peerUrl} (trailing slashes ignored). */
    public boolean hasPeerUrl(String peerUrl) {
        String wanted = PeerUrls.normalize(peerUrl);
        return peerUrls.stream().map(PeerUrls::normalize).anyMatch(wanted::equals);
    }

    /** The ID as etcdctl prints it (hex), which is what an operator greps the logs for. */
    public String hexId() {
        return Long.toHexString(Long.parseUnsignedLong(id));
    }

    /** "cp-2 (8a1f…)" or, before it starts, its peer URL. */
    public String label() {
        return (started() ? name : String.join(",", peerUrls)) + " (" + hexId() + ")";
    }
}
