package io.edgefleet.events.identity;

import java.security.PublicKey;
import java.util.Optional;

/**
 * Where {@link SiteSignatureVerifier} finds enrolled keys: one lookup per report, by the site the
 * report speaks for and the host whose key signed it ({@code ce_sitehost}; null for a site-wide
 * agent, whose site key is meant). Never a search over several keys.
 */
@FunctionalInterface
public interface EnrolledKeyLookup {
    /** The key enrolled for the site (hostId null) or for that host of the site; empty if none. */
    Optional<PublicKey> find(String siteId, String hostId);
}
