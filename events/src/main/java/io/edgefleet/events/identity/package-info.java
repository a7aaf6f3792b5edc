/**
 * Site identity: every site report is signed with the site's Ed25519 key ({@link
 * io.edgefleet.events.identity.SiteSigner}, in the agent) and checked against the key an operator
 * enrolled for that site ({@link io.edgefleet.events.identity.SiteSignatureVerifier}, in placement).
 * JDK crypto only.
 */
package io.edgefleet.events.identity;
