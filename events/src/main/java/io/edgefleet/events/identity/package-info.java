/**
 * Site identity: every site report is signed with the site's Ed25519 key ({@link
 * io.edgefleet.events.identity.SiteSigner}, in the agent) and checked against the key an operator
 * enrolled for that site ({@link io.edgefleet.events.identity.SiteSignatureVerifier}, in placement), with
 * its time and sequence ({@link io.edgefleet.events.identity.FreshnessClaims}) under the signature; and every
 * plan is signed with placement's key ({@link io.edgefleet.events.identity.PlanSigner}) and checked by the
 * agents against the keys they trust ({@link io.edgefleet.events.identity.PlanSignatureVerifier}, ADR 0027).
 * Ed25519 through the JDK and BouncyCastle's RFC 8032 code.
 */
package io.edgefleet.events.identity;
