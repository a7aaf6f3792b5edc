/**
 * Site identity on placement's side: the enrolled public key of each site and of each host agent
 * ({@link io.edgefleet.placement.identity.SiteKeyStore}, tables {@code site_key} and {@code
 * host_key}), a cache of them ({@link
 * io.edgefleet.placement.identity.EnrolledKeys}), and the check every site report passes before it
 * is read ({@link io.edgefleet.placement.identity.ReportAdmission}). See ADR 0007, 0010 and 0022.
 */
package io.edgefleet.placement.identity;
