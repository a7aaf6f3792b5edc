-- Each live cluster's secrets (ADR 0024): its CAs, service-account key pair, bootstrap token and
-- certificate key, made once by placement and kept here encrypted with the key-encryption key
-- (AES-256-GCM, associated data = the cluster id, so a box cannot be moved to another cluster's row).
-- The primary key is what keeps two replicas from making two CA sets for one cluster: the second
-- insert does nothing and that replica reads the winner's row.
create table cluster_secret (
    cluster_id        text primary key,
    site_id           text        not null,
    team              text        not null,
    -- Which key-encryption key sealed the box (rotation: rows of an older key are still readable by it).
    key_id            text        not null,
    secrets           bytea       not null,
    -- Digest of the recipients the secrets were last sealed for (null: never published).
    recipients_digest text,
    -- Of the last sealing the broker acknowledged; the next one publishes generation + 1.
    generation        bigint      not null default 0,
    created_at        timestamptz not null default now(),
    sealed_at         timestamptz
);
-- A box is read whole, never searched or sorted on.
alter table cluster_secret alter column secrets set statistics 0;

-- The issuer looks for sites whose keys were enrolled (or rotated) since its last pass: without
-- these it would read every enrolled key of the fleet on every pass.
create index site_key_enrolled_at on site_key (enrolled_at);
create index host_key_enrolled_at on host_key (enrolled_at);
