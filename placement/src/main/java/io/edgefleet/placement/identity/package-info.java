/**
 * Site identity on placement's side: the enrolled public key of each site and of each host agent
 * ({@link io.edgefleet.placement.identity.SiteKeyStore}, tables {@code site_key} and {@code
 * host_key}), a cache of them ({@link
 * io.edgefleet.placement.identity.EnrolledKeys}), and the check every site report passes before it
 * is read ({@link io.edgefleet.placement.identity.ReportAdmission}), including that it is fresh and no copy
 * ({@link io.edgefleet.placement.identity.ReportFreshness}). See ADR 0007, 0010, 0022 and 0027.
 */
package io.edgefleet.placement.identity;
