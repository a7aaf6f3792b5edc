package io.edgefleet.agent.etcd;

import java.util.Set;

/**
 * What the agent measured of each member this run: which members answered a status request on their
 * own client URL with no error, and which member they name as leader.
 *
 * @param answering IDs of the members that answered
 * @param leaderId the leader's member ID, or null when no member answered
 */
public record Health(Set<String> answering, String leaderId) {

    public Health {
        answering = Set.copyOf(answering);
    }

    public boolean answers(EtcdMember member) {
        return answering.contains(member.id());
    }

    public boolean isLeader(EtcdMember member) {
        return member.id().equals(leaderId);
    }
}
