-- Fleet-wide team quotas (ADR 0032). One row per team with limits; a null limit leaves that
-- dimension free, and a team without a row has none. What a team uses is not stored: it is summed
-- from its allocations and live clusters when a batch decides for it, under this row's lock, so
-- deletes, scale-downs, host loss and expiry need no bookkeeping and the sum cannot drift.
create table team_quota (
    team         text primary key,
    vcpu         bigint,
    memory_mib   bigint,
    pinned_cores bigint,
    clusters     integer,
    updated_at   timestamptz not null default now()
);

-- What those sums read. The allocation table holds live holdings only (a release deletes the row),
-- so this build is short even on an upgrade. The cluster index holds live rows only, like V7's.
create index allocation_team on allocation (team);
create index cluster_live_team on cluster (team) where status not in ('DELETED', 'FAILED');
