package io.edgefleet.events.request;

import io.edgefleet.events.EventPayload;

/**
 * A team asks to remove a network function ({@code io.edgefleet.networkfunction.delete-requested.v1}).
 *
 * @param nfId      the network function
 * @param team      owning team
 * @param siteId    its site
 * @param clusterId the cluster it runs in
 * @param reason    optional free text for the audit trail
 */
public record NetworkFunctionDeleteRequested(String nfId, String team, String siteId, String clusterId, String reason)
        implements EventPayload {

    @Override
    public String partitionKey() {
        return siteId;
    }

    @Override
    public String subject() {
        return nfId;
    }
}
