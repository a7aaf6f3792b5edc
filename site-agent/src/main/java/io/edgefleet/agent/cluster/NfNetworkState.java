package io.edgefleet.agent.cluster;

/**
 * A NetworkAttachmentDefinition the agent manages, as its cluster's API server reported it.
 *
 * @param namespace its namespace
 * @param name      its name
 * @param specHash  hash of the definition the agent wrote (annotation), to see a changed configuration
 */
public record NfNetworkState(String namespace, String name, String specHash) {
    public NfNetworkState {
        specHash = specHash == null ? "" : specHash;
    }

    /** Whether this is the wanted definition, as written. */
    public boolean is(NfNetwork wanted) {
        return namespace.equals(wanted.namespace()) && name.equals(wanted.name()) && specHash.equals(wanted.specHash());
    }
}
