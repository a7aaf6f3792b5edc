-- Placement state. Only the placement service writes here (DESIGN.md: one writer).

-- A site, as its agent last described it.
create table site (
    site_id              text primary key,
    agent_version        text,
    heartbeat_interval_s integer not null default 10,
    last_heartbeat_at    timestamptz,
    -- The version of the last SitePlan written to the outbox; plans are numbered per site.
    plan_version         bigint  not null default 0
);

-- A host and its capacity. `generation` is the optimistic lock of its allocations: whoever
-- changes what a host holds must bump it from the value it read, or roll back and decide again.
create table host (
    site_id              text    not null references site (site_id),
    host_id              text    not null,
    failure_domain       text    not null,
    state                text    not null,
    capabilities         text[]  not null,
    numa_nodes           jsonb   not null,
    reserved_cores       integer not null,
    reserved_memory_mib  bigint  not null,
    cpu_allocation_ratio double precision not null,
    disk_gib             bigint  not null,
    generation           bigint  not null default 0,
    primary key (site_id, host_id)
);

-- Every request ever received, keyed by its request id (ce_source + '#' + ce_id): a duplicate is
-- answered with the outcome stored here, never decided twice.
create table request (
    request_id   text primary key,
    site_id      text,
    kind         text not null,
    subject_id   text,
    outcome_type text not null,
    outcome      jsonb not null,
    received_at  timestamptz not null default now()
);

create table cluster (
    cluster_id         text primary key,
    team               text not null,
    site_id            text not null,
    kubernetes_version text not null,
    spec               jsonb not null,
    status             text not null,
    reason             text,
    expires_at         timestamptz,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);
create index cluster_site on cluster (site_id);

-- Who holds what, where. One row per control-plane microVM, worker, or NF replica.
create table allocation (
    holder_id    text primary key,
    kind         text    not null,
    owner_id     text    not null,
    team         text    not null,
    site_id      text    not null,
    host_id      text    not null,
    numa_node    integer not null,
    vcpu         integer not null,
    pinned_cores integer not null,
    memory_mib   bigint  not null,
    hugepages    integer not null,
    vfs          jsonb   not null,
    disk_gib     bigint  not null,
    -- What the agent last reported for it (microVMs), e.g. RUNNING or FAILED.
    observed_state text,
    foreign key (site_id, host_id) references host (site_id, host_id)
);
create index allocation_site on allocation (site_id);
create index allocation_owner on allocation (owner_id);

-- Transactional outbox: events written in the same transaction as the state that caused them,
-- published by the relay, then stamped. ce_id is fixed here so a re-publish after a crash is a
-- duplicate that consumers drop by id.
create table outbox (
    id         bigserial primary key,
    topic      text  not null,
    record_key text,
    headers    jsonb not null,
    payload    bytea not null,
    created_at timestamptz not null default now(),
    sent_at    timestamptz
);
create index outbox_unsent on outbox (id) where sent_at is null;
