package io.edgefleet.agent.report;

import io.edgefleet.agent.identity.SiteKeyFile;
import io.edgefleet.events.CloudEvent;
import io.edgefleet.events.CloudEventCodec;
import io.edgefleet.events.EncodedEvent;
import io.edgefleet.events.EventPayload;
import io.edgefleet.events.identity.SiteSigner;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns a report into the record this agent sends: a CloudEvent signed with the agent's key. A
 * site-wide agent signs as its site ({@code ce_sitesig} only); a host agent signs with its own
 * host's key and names its host in {@code ce_sitehost}, covered by the signature (ADR 0022), so
 * every host has its own identity and no host can speak for another. Every signature also covers when
 * the report was signed and a sequence number (ADR 0027): the time in microseconds, or one more than the
 * previous number, so it grows across restarts without a local store and placement can refuse a copy.
 */
public final class SignedReports {
    private final String source;
    private final SiteSigner signer;

    private SignedReports(String source, SiteSigner signer) {
        this.source = source;
        this.signer = signer;
    }

    /**
     * @param siteId  the agent's site
     * @param hostId  set for a host agent ({@code edgefleet.agent.host-id}): its reports name and are signed for that host
     * @param keyFile the agent's key file, made on first start; empty: reports are not signed
     */
    public static SignedReports of(String siteId, Optional<String> hostId, Optional<Path> keyFile) {
        SiteSigner signer = keyFile.map(f -> new SiteSigner(siteId, hostId.orElse(null), SiteKeyFile.loadOrCreate(f)))
                .orElse(null);
        return new SignedReports("/site-agent/" + siteId, signer);
    }

    /** Whether reports are signed at all (a key file is configured). */
    public boolean signing() {
        return signer != null;
    }

    /** The report as a record of {@code fleet.site-reports.v1}, signed when a key is configured. */
    public EncodedEvent encode(EventPayload payload) {
        EncodedEvent event = CloudEventCodec.encode(CloudEvent.of(source, payload));
        return signer == null ? event : signer.sign(event);
    }
}
