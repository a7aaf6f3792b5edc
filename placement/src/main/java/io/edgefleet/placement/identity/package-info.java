/**
 * Site identity on placement's side: the enrolled public key of each site ({@link
 * io.edgefleet.placement.identity.SiteKeyStore}, table {@code site_key}), a cache of them ({@link
 * io.edgefleet.placement.identity.EnrolledKeys}), and the check every site report passes before it
 * is read ({@link io.edgefleet.placement.identity.ReportAdmission}). See ADR 0007 and 0010.
 */
package io.edgefleet.placement.identity;
