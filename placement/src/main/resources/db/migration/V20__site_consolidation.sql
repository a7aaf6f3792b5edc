-- A site's consolidation (ADR 0031): a dry run's plan, kept so that an APPLY can perform exactly
-- those moves, and an applied plan's progress. One row per consolidation, keyed by the request that
-- started it (a dry run's request id is the plan id an APPLY names). `moves` is a JSON array of
-- {holderId, kind, ownerId, fromHostId, toHostId, numaNode, phase, newMicroVmId}, in start order;
-- phase is PENDING, STARTED, DONE or DROPPED.
create table site_consolidation (
    request_id          text primary key,
    site_id             text    not null,
    state               text    not null,
    moves               jsonb   not null,
    hosts_to_free       text[]  not null,
    hosts_freed         text[]  not null default '{}',
    hosts_in_use_before integer not null,
    hosts_in_use_after  integer not null,
    reason              text,
    created_at          timestamptz not null default now(),
    changed_at          timestamptz not null default now()
);

-- Only one consolidation per site moves anything at a time: a second APPLY fails on this index
-- even when two replicas decide it at once.
create unique index site_consolidation_one_applying on site_consolidation (site_id) where state = 'APPLYING';
-- The progress loop looks for consolidations under way; the API's latest-of-a-site reads by site.
create index site_consolidation_site on site_consolidation (site_id, created_at);
